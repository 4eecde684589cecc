// The multitrack view of an audio drama assembled from takes: the timeline split into one row per
// lane (each character, then narration, SFX and music; cues/production/drama-lanes.ts), every
// cue's region drawn in its lane's row, and the lanes' headers (name and mixer) in a column of
// their own left of the timeline. Rows are placed in percent of wavesurfer's wrapper (as the clip
// band and chapter lane are), so they follow its height. The headers sit in the timeline's box,
// which keeps their width free on its left while lanes are shown: the timeline (ruler, waveform,
// regions) starts right of them, so its first seconds are never under a header.

import { MIN_TRIMMED_REST } from '../../../audio/mix/drama-sounds.ts';
import type { LaneSettings } from '../../../src/project/lanes-schema.ts';

/** A sound or music file as its lane shows it: where it plays and for how long (seconds), its name. */
export interface ShownSound {
  cue: string;
  lane: string;
  at: number;
  length: number;
  name: string;
  /** Its file's length, seconds: a loop's seams fall at multiples of what is left after `offset`. */
  fileSeconds?: number;
  /** Seconds of its file's head trimmed (the loop repeats from there). */
  offset?: number;
  loop?: boolean;
  fadeIn?: number;
  fadeOut?: number;
}

/** Pixels a press must travel before it is a drag (less: a click that selects the block). */
const DRAG_SLOP_PX = 3;
/** A fade handle's side (px): a square at the top of the block by its fade's end. */
const FADE_GRIP_PX = 7;

/** A sound block's handles: its left and right edges, its top corners (the fades' ends). */
export const SOUND_GRIPS = ['trim-start', 'trim-end', 'fade-in', 'fade-out'] as const;
export type SoundGrip = (typeof SOUND_GRIPS)[number];

const GRIP_TITLES: Record<SoundGrip, string> = {
  'trim-start': 'Drag to trim its start (what is left stays where it plays; the inspector’s Trim start)',
  'trim-end': 'Drag to set its length (looped, as long as you like; else up to its file’s end)',
  'fade-in': 'Drag to set its fade in',
  'fade-out': 'Drag to set its fade out',
};

/** What a handle let go asks for (the trim as seconds into the file; a length as dragged). */
export type SoundGripChange =
  | { offset: number }
  | { length: number }
  | { fadeIn: number }
  | { fadeOut: number };

/** Shortest a sound lasts (the schema's `length`), seconds. */
const MIN_SOUND_SECONDS = 0.05;

/**
 * A sound as drawn while `grip` is dragged `dt` seconds, clamped as the edit will be
 * (sound-edits.ts trimSoundStart, setSoundLength): the start trimmed with its end kept, not before
 * the file's start or 0:00, MIN_TRIMMED_REST of its file kept; a one-shot never past its file's
 * end; fades within what it lasts.
 */
export function grippedSound(grip: SoundGrip, sound: ShownSound, dt: number): ShownSound {
  const file = sound.fileSeconds ?? Number.POSITIVE_INFINITY;
  const offset = sound.offset ?? 0;
  const fadeIn = sound.fadeIn ?? 0;
  const fadeOut = sound.fadeOut ?? 0;
  const fadesWithin = (s: ShownSound): ShownSound => {
    const fin = Math.min(s.fadeIn ?? 0, s.length);
    return { ...s, fadeIn: fin, fadeOut: Math.min(s.fadeOut ?? 0, s.length - fin) };
  };
  switch (grip) {
    case 'trim-start': {
      const d = Math.min(
        Math.max(dt, -offset, -sound.at),
        file - MIN_TRIMMED_REST - offset,
        sound.length - MIN_SOUND_SECONDS,
      );
      return fadesWithin({ ...sound, at: sound.at + d, offset: offset + d, length: sound.length - d });
    }
    case 'trim-end': {
      const length = Math.max(MIN_SOUND_SECONDS, sound.length + dt);
      return fadesWithin({ ...sound, length: sound.loop ? length : Math.min(length, file - offset) });
    }
    case 'fade-in':
      return { ...sound, fadeIn: Math.max(0, Math.min(sound.length - fadeOut, fadeIn + dt)) };
    case 'fade-out':
      return { ...sound, fadeOut: Math.max(0, Math.min(sound.length - fadeIn, fadeOut - dt)) };
  }
}

/** The edit a handle let go after `dt` seconds asks for, to the millisecond. */
function gripChange(grip: SoundGrip, sound: ShownSound, dt: number): SoundGripChange {
  const ms = (t: number) => Math.round(t * 1000) / 1000;
  const next = grippedSound(grip, sound, dt);
  switch (grip) {
    case 'trim-start':
      return { offset: ms(next.offset ?? 0) };
    // As far as it was dragged: past a one-shot's file end, the edit says why it stops there.
    case 'trim-end':
      return { length: ms(Math.max(MIN_SOUND_SECONDS, sound.length + dt)) };
    case 'fade-in':
      return { fadeIn: ms(next.fadeIn ?? 0) };
    case 'fade-out':
      return { fadeOut: ms(next.fadeOut ?? 0) };
  }
}

/** A dialogue lane's levelling as the export gives it (and the preview plays it). */
export interface ShownLevel {
  lane: string;
  gainDb: number;
  /** LUFS as the picked takes play; null with nothing above the gate. */
  measured: number | null;
  clamped: boolean;
}

/** A change of one lane's mixer asked for in its header (one undo step each). */
export type LaneChange = { gainDb: number } | { pan: number } | { mute: boolean } | { solo: boolean };

/** The wrapper's bottom strip the beds' and sections' rows keep (bed-lane.ts: regions stop above it). */
const BED_ROOM_PX = 35;

/**
 * The strip above the beds' the recordings' names keep (clip-lane.ts draws them 34 px up): in it
 * they sat over the last lane's blocks (a tester's find: across the Music lane's sounds).
 */
const NAMES_ROOM_PX = 16;

/** The wrapper's top strip the chapter flags keep (lane-layer.ts). */
const CHAPTER_ROOM_PX = 18;
const ROOM = `(100% - ${BED_ROOM_PX + NAMES_ROOM_PX + CHAPTER_ROOM_PX}px)`;

/** The headers' column, px: the timeline's box keeps this much free on its left while lanes show. */
export const LANE_HEADER_PX = 228;

/** Row `i` of `n` as CSS: top and height between the chapter flags' strip and the names' one. */
function rowBox(i: number, n: number): { top: string; height: string } {
  return { top: `calc(${CHAPTER_ROOM_PX}px + ${ROOM} * ${i} / ${n})`, height: `calc(${ROOM} / ${n})` };
}

export class DramaLaneView {
  private readonly rows: HTMLElement;
  /** The sound and music files' blocks, in their lanes' rows. */
  private readonly sounds: HTMLElement;
  private shownSounds: { sounds: ShownSound[]; duration: number } = { sounds: [], duration: 0 };
  private readonly names: HTMLElement;
  private readonly wrapper: HTMLElement;
  private readonly container: HTMLElement;
  private lanes: string[] = [];
  private mix: Record<string, LaneSettings> = {};
  private levels: ReadonlyArray<ShownLevel> = [];
  /** Whether the dialogue is levelled (the switch over the headers). */
  private levelled = true;
  /** Called when a lane's gain, pan, mute or solo is changed in its header. */
  onLaneChange?: (lane: string, change: LaneChange) => void;
  /** A sound block clicked (its cue is selected). */
  onSoundSelect?: (cue: string) => void;
  /** A sound block dragged and let go at `at` (production seconds): one undo step. */
  onSoundMove?: (cue: string, at: number) => void;
  /** A sound block's handle dragged and let go: one undo step; false when nothing changed. */
  onSoundShape?: (cue: string, change: SoundGripChange) => boolean;
  /** The levelling switch in the headers' corner flipped. */
  onLevelling?: (on: boolean) => void;
  private selectedSound?: string;
  private readonly levelSwitch: HTMLLabelElement;

  /**
   * `wrapper`: wavesurfer's scrolling wrapper (the rows go in it); `container`: the timeline's box
   * wavesurfer was made in (the headers' column goes in it, left of the timeline).
   */
  constructor(wrapper: HTMLElement, container: HTMLElement) {
    this.wrapper = wrapper;
    this.container = container;
    const style = document.createElement('style');
    style.textContent = DRAMA_LANE_STYLE;
    wrapper.appendChild(style);
    this.rows = document.createElement('div');
    this.rows.className = 'drama-rows';
    this.rows.setAttribute('part', 'drama-rows');
    wrapper.appendChild(this.rows);
    this.sounds = document.createElement('div');
    this.sounds.className = 'drama-sounds';
    this.sounds.setAttribute('part', 'drama-sounds');
    wrapper.appendChild(this.sounds);
    // An aside (not a div: `#waveform div` is wavesurfer's own), after wavesurfer's element.
    this.names = document.createElement('aside');
    this.names.className = 'drama-names';
    this.names.setAttribute('part', 'drama-names');
    this.names.setAttribute('aria-label', 'Lanes');
    this.names.style.width = `${LANE_HEADER_PX}px`;
    this.names.hidden = true;
    const names = document.createElement('style');
    names.textContent = DRAMA_NAMES_STYLE;
    // The drama's levelling, over the lanes' headers: what the preview plays and the export writes.
    this.levelSwitch = document.createElement('label');
    this.levelSwitch.className = 'drama-level';
    this.levelSwitch.title =
      "Level the dialogue: each actor's lane brought to a common loudness, in the preview and the export (off: as recorded)";
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.dataset.testid = 'level-dialogue';
    box.checked = true;
    box.addEventListener('change', () => this.onLevelling?.(box.checked));
    this.levelSwitch.append(box, ' Level the dialogue');
    this.levelSwitch.addEventListener('keydown', (event) => {
      if (!event.ctrlKey && !event.metaKey) event.stopPropagation();
    });
    container.append(names, this.names);
    this.names.append(this.levelSwitch);
  }

  /** Shows the drama's levelling switch as the project has it. */
  showLevelling(on: boolean): void {
    const box = this.levelSwitch.querySelector('input')!;
    box.checked = on;
    this.levelSwitch.classList.toggle('off', !on);
  }

  /** Outlines the block of the sound of `cue` (undefined: none). */
  selectSound(cue: string | undefined): void {
    this.selectedSound = cue;
    for (const block of this.sounds.children)
      (block as HTMLElement).classList.toggle('selected', (block as HTMLElement).dataset.cue === cue);
  }

  /** The lanes shown, top to bottom (empty: a production of one reading, no lanes). */
  get shown(): readonly string[] {
    return this.lanes;
  }

  /** Shows `lanes` (in order) with each character's colour; an empty list takes the rows away. */
  show(lanes: string[], colors: ReadonlyMap<string, string>): void {
    if (lanes.join('\n') === this.lanes.join('\n') && this.rows.childElementCount === lanes.length) {
      this.layout();
      return;
    }
    this.lanes = lanes;
    this.rows.replaceChildren(
      ...lanes.map((lane, i) => {
        const row = document.createElement('div');
        row.className = `drama-row${i % 2 ? ' odd' : ''}`;
        row.setAttribute('part', 'drama-row');
        row.dataset.lane = lane;
        const box = rowBox(i, lanes.length);
        row.style.top = box.top;
        row.style.height = box.height;
        return row;
      }),
    );
    this.names.replaceChildren(
      this.levelSwitch,
      ...lanes.map((lane) => {
        const name = document.createElement('div');
        name.className = 'drama-name';
        name.setAttribute('part', 'drama-name');
        name.dataset.lane = lane;
        const label = document.createElement('span');
        label.className = 'drama-label';
        label.textContent = lane;
        label.title = `${lane} lane`;
        name.append(label, ...this.controls(lane));
        // Typing in the header is the header's: the app's keys (Space, T, digits) stay out of it.
        name.addEventListener('keydown', (event) => {
          if (!event.ctrlKey && !event.metaKey) event.stopPropagation();
        });
        const color = colors.get(lane);
        if (color) name.style.borderLeftColor = color;
        return name;
      }),
    );
    // The timeline starts right of the headers while there are lanes.
    this.names.hidden = lanes.length === 0;
    this.container.classList.toggle('with-lane-headers', lanes.length > 0);
    this.container.style.paddingLeft = lanes.length > 0 ? `${LANE_HEADER_PX}px` : '';
    this.showMix(this.mix);
    this.showLevels(this.levels);
    this.showSounds(this.shownSounds.sounds, this.shownSounds.duration);
    this.layout();
  }

  /**
   * Shows each sound and music file where it plays in its lane's row (`duration`: the timeline's
   * length, seconds; a file running past it is cut at the end and says so), its fades as ramps at
   * its ends and a loop's seams as lines. A block dragged along its row moves the sound
   * (onSoundMove when let go; Escape puts it back); clicked, it is selected (onSoundSelect); its
   * edges and top corners are handles (onSoundShape: trim its start, its length, its fades).
   */
  showSounds(sounds: ShownSound[], duration: number): void {
    this.shownSounds = { sounds, duration };
    if (!(duration > 0)) {
      this.sounds.replaceChildren();
      return;
    }
    this.sounds.replaceChildren(
      ...sounds.flatMap((sound) => {
        const i = this.lanes.indexOf(sound.lane);
        if (i < 0 || sound.at >= duration) return [];
        const block = document.createElement('div');
        block.className = 'drama-sound';
        block.setAttribute('part', 'drama-sound');
        block.dataset.lane = sound.lane;
        block.dataset.cue = sound.cue;
        const box = rowBox(i, this.lanes.length);
        block.style.top = box.top;
        block.style.height = box.height;
        // The name in a span of its own, over the fades' ramps.
        const name = document.createElement('span');
        name.className = 'sound-name';
        name.textContent = `${sound.loop ? '⟲ ' : ''}${sound.name}`;
        block.append(name);
        block.classList.toggle('selected', sound.cue === this.selectedSound);
        if (sound.loop) block.dataset.loop = 'true';
        block.tabIndex = -1;
        this.drawSound(block, sound, duration);
        this.dragSound(block, sound, duration);
        for (const grip of SOUND_GRIPS) this.dragGrip(block, sound, duration, grip);
        return [block];
      }),
    );
  }

  /**
   * Places a sound's block (its start, width, tooltip), its fades, seams and handles: when shown,
   * and as a handle is dragged (`dragging`: drawn whole, even past the timeline's end).
   */
  private drawSound(block: HTMLElement, sound: ShownSound, duration: number, dragging = false): void {
    const shown = dragging ? sound.length : Math.min(sound.length, duration - sound.at);
    block.style.left = `${(100 * sound.at) / duration}%`;
    block.style.width = `${(100 * shown) / duration}%`;
    // Only the fades it has, each after a comma (none: no stray ",").
    const fades = [
      sound.fadeIn ? `, fade in ${sound.fadeIn.toFixed(2)} s` : '',
      sound.fadeOut ? `, fade out ${sound.fadeOut.toFixed(2)} s` : '',
    ].join('');
    block.title = `${sound.name}: ${sound.lane} from ${sound.at.toFixed(2)} s for ${sound.length.toFixed(2)} s${
      sound.loop ? ' (looped)' : ''
    }${sound.offset ? `, its first ${sound.offset.toFixed(2)} s trimmed` : ''}${fades}${
      // Beyond a millisecond: a production that ends with the sound ends at its start plus its
      // length summed in floating point (12.01 + 9 left 8.999999999999998 of a 9 s loop).
      shown < sound.length - 1e-3
        ? ' (runs past the last line: the export plays the rest, the preview stops there)'
        : ''
    }. Drag to move, its edges to trim, its top corners to fade; ← → nudge it when selected`;
    for (const mark of block.querySelectorAll('.sound-fade, .sound-seam')) mark.remove();
    block.append(...this.soundMarks(sound, shown));
    for (const grip of SOUND_GRIPS) {
      let handle = block.querySelector<HTMLElement>(`.sound-grip[data-grip="${grip}"]`);
      if (!handle) {
        handle = document.createElement('span');
        handle.className = `sound-grip ${grip}`;
        handle.dataset.grip = grip;
        handle.dataset.testid = `sound-grip-${grip}`;
        handle.title = GRIP_TITLES[grip];
        block.append(handle);
      }
      // The fade handles sit inside the block at the fades' ends (at its top corners with none),
      // each on its own side of its end: where two fades meet on a narrow block they stay apart,
      // fade in on the left (each box on the knee's far side, they had crossed over).
      if (grip === 'fade-in')
        handle.style.left = `max(0px, calc(${(100 * Math.min(sound.fadeIn ?? 0, shown)) / shown}% - ${FADE_GRIP_PX}px))`;
      if (grip === 'fade-out') {
        const from = sound.length - (sound.fadeOut ?? 0);
        // Beyond a millisecond, as the tooltip: music ending the production ends at its start plus
        // its length in floating point (3.9999999999999982 of a 4 s theme hid its fade-out handle).
        handle.hidden = from > shown + 1e-3;
        handle.style.right = `max(0px, calc(${(100 * Math.max(0, shown - from)) / shown}% - ${FADE_GRIP_PX}px))`;
      }
    }
  }

  /**
   * A handle of a block dragged: the left edge trims its start (the rest stays where it plays), the
   * right edge sets its length, a top corner a fade. Drawn as it goes; let go, one undo step
   * (onSoundShape), put back when nothing changed; Escape puts it back.
   */
  private dragGrip(block: HTMLElement, sound: ShownSound, duration: number, grip: SoundGrip): void {
    const handle = block.querySelector<HTMLElement>(`.sound-grip[data-grip="${grip}"]`)!;
    // The click a press and release on a handle makes is the handle's: it does not seek the
    // timeline to where the pointer was let go (past the end, the playhead went off it).
    handle.addEventListener('click', (event) => event.stopPropagation());
    handle.addEventListener('pointerdown', (down) =>
      this.followDrag(down, handle, duration, {
        start: () => block.classList.add('shaping'),
        move: (dt) => this.drawSound(block, grippedSound(grip, sound, dt), duration, true),
        end: (dt, moved, cancel) => {
          block.classList.remove('shaping');
          if (!moved && !cancel) this.onSoundSelect?.(sound.cue);
          const changed =
            moved && !cancel && this.onSoundShape?.(sound.cue, gripChange(grip, sound, dt)) === true;
          // Not changed (refused, or as it was): drawn as it is again.
          if (!changed) this.drawSound(block, sound, duration);
        },
      }),
    );
  }

  /** A block's fade ramps and loop seams, placed in percent of the part of it shown. */
  private soundMarks(sound: ShownSound, shown: number): HTMLElement[] {
    const marks: HTMLElement[] = [];
    const pct = (t: number) => `${(100 * t) / shown}%`;
    if (sound.fadeIn) {
      const ramp = document.createElement('span');
      ramp.className = 'sound-fade in';
      ramp.dataset.testid = 'sound-fade-in';
      ramp.style.left = '0';
      ramp.style.width = pct(Math.min(sound.fadeIn, shown));
      marks.push(ramp);
    }
    if (sound.fadeOut && sound.length - sound.fadeOut < shown) {
      const ramp = document.createElement('span');
      ramp.className = 'sound-fade out';
      ramp.dataset.testid = 'sound-fade-out';
      ramp.style.left = pct(sound.length - sound.fadeOut);
      ramp.style.width = pct(Math.min(sound.fadeOut, shown - (sound.length - sound.fadeOut)));
      marks.push(ramp);
    }
    const body = (sound.fileSeconds ?? 0) - (sound.offset ?? 0);
    if (sound.loop && body > 0)
      for (let t = body; t < Math.min(shown, sound.length) && marks.length < 200; t += body) {
        const seam = document.createElement('span');
        seam.className = 'sound-seam';
        seam.style.left = pct(t);
        marks.push(seam);
      }
    return marks;
  }

  /** A block moved by dragging it along its row (the whole block; the time follows the pointer). */
  private dragSound(block: HTMLElement, sound: ShownSound, duration: number): void {
    block.addEventListener('pointerdown', (down) => {
      const left = block.style.left;
      let at = sound.at;
      this.followDrag(down, block, duration, {
        move: (dt) => {
          block.classList.add('dragging');
          at = Math.max(0, Math.round((sound.at + dt) * 1000) / 1000);
          block.style.left = `${(100 * at) / duration}%`;
        },
        end: (_dt, moved, cancel) => {
          block.classList.remove('dragging');
          if (cancel || !moved) block.style.left = left;
          if (!moved && !cancel) this.onSoundSelect?.(sound.cue);
          else if (!cancel && at !== sound.at) this.onSoundMove?.(sound.cue, at);
        },
      });
    });
  }

  /**
   * One drag of `target` from the press `down` (the left button only), shared by a block and its
   * handles: the pointer captured, `move` told the seconds dragged along the timeline once past
   * DRAG_SLOP_PX, `end` told them when let go, cancelled or Escape is pressed (on the window: the
   * press leaves the focus where it was, so the dragged element never has the key).
   */
  private followDrag(
    down: PointerEvent,
    target: HTMLElement,
    duration: number,
    drag: {
      start?: () => void;
      move: (seconds: number) => void;
      end: (seconds: number, moved: boolean, cancel: boolean) => void;
    },
  ): void {
    if (down.button !== 0) return;
    down.preventDefault();
    down.stopPropagation();
    const width = this.sounds.getBoundingClientRect().width;
    const perPx = width > 0 ? duration / width : 0;
    let moved = false;
    let seconds = 0;
    target.setPointerCapture(down.pointerId);
    drag.start?.();
    const move = (event: PointerEvent) => {
      const dx = event.clientX - down.clientX;
      if (!moved && Math.abs(dx) < DRAG_SLOP_PX) return;
      moved = true;
      seconds = dx * perPx;
      drag.move(seconds);
    };
    const done = (event: PointerEvent, cancel = false) => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', cancelled);
      window.removeEventListener('keydown', onEscape, true);
      if (target.hasPointerCapture(event.pointerId)) target.releasePointerCapture(event.pointerId);
      drag.end(seconds, moved, cancel);
    };
    const up = (event: PointerEvent) => done(event);
    const cancelled = (event: PointerEvent) => done(event, true);
    const onEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      done(down, true);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', cancelled);
    window.addEventListener('keydown', onEscape, true);
  }

  /** A lane header's mixer: gain (dB), pan (-1 left .. 1 right), Mute and Solo. */
  private controls(lane: string): HTMLElement[] {
    const gain = document.createElement('input');
    gain.type = 'number';
    gain.className = 'lane-gain';
    gain.dataset.testid = 'lane-gain';
    gain.min = '-60';
    gain.max = '24';
    gain.step = '0.5';
    gain.title = `${lane} gain in dB (-60 to +24)`;
    gain.addEventListener('change', () => {
      const value = Number(gain.value);
      if (gain.value === '' || !Number.isFinite(value)) gain.value = String(this.mix[lane]?.gainDb ?? 0);
      else this.onLaneChange?.(lane, { gainDb: Math.min(24, Math.max(-60, value)) });
    });
    const pan = document.createElement('input');
    pan.type = 'range';
    pan.className = 'lane-pan';
    pan.dataset.testid = 'lane-pan';
    pan.min = '-1';
    pan.max = '1';
    pan.step = '0.05';
    // One step when let go (not one per pixel dragged); double-click centres it.
    pan.addEventListener('change', () => this.onLaneChange?.(lane, { pan: Number(pan.value) }));
    pan.addEventListener('dblclick', () => this.onLaneChange?.(lane, { pan: 0 }));
    const toggle = (text: string, field: 'mute' | 'solo', what: string) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `lane-${field}`;
      button.dataset.testid = `lane-${field}`;
      button.textContent = text;
      button.title = `${what} ${lane}`;
      button.addEventListener('click', () =>
        this.onLaneChange?.(
          lane,
          field === 'mute' ? { mute: !this.mix[lane]?.mute } : { solo: !this.mix[lane]?.solo },
        ),
      );
      return button;
    };
    const unit = document.createElement('span');
    unit.className = 'lane-unit';
    unit.textContent = 'dB';
    return [gain, unit, pan, toggle('M', 'mute', 'Mute'), toggle('S', 'solo', 'Solo')];
  }

  /**
   * Says each dialogue lane's levelling in its header (its name's tooltip, and `data-level-db`):
   * the loudness its takes have and the gain that levels it, in the preview as in the export.
   */
  showLevels(levels: ReadonlyArray<ShownLevel>, on = this.levelled): void {
    this.levels = levels;
    this.levelled = on;
    for (const name of this.names.querySelectorAll<HTMLElement>('.drama-name')) {
      const element = name;
      const lane = element.dataset.lane!;
      const level = levels.find((l) => l.lane === lane);
      const label = element.querySelector<HTMLElement>('.drama-label')!;
      if (!level) {
        delete element.dataset.levelDb;
        label.title = `${lane} lane`;
        continue;
      }
      const gain = `${level.gainDb >= 0 ? '+' : ''}${level.gainDb.toFixed(1)} dB`;
      const measured = level.measured === null ? 'silent' : `${level.measured.toFixed(1)} LUFS`;
      if (!on) {
        // Off: heard and exported as recorded (the gain it would take is said, not applied).
        element.dataset.levelDb = '0';
        label.title = `${lane} lane: ${measured} as recorded, not levelled (Level the dialogue is off; on, it would take ${gain})`;
        continue;
      }
      element.dataset.levelDb = String(level.gainDb);
      label.title = `${lane} lane: ${measured} as recorded, levelled ${gain} to the other actors (preview and export)${
        level.clamped ? '; held at the limit: check the takes' : ''
      }`;
    }
  }

  /** Shows each lane's mixer settings in its header (absent: 0 dB, centre, heard). */
  showMix(mix: Record<string, LaneSettings>): void {
    this.mix = mix;
    const soloing = Object.values(mix).some((s) => s.solo);
    for (const name of this.names.querySelectorAll<HTMLElement>('.drama-name')) {
      const element = name;
      const lane = element.dataset.lane!;
      const settings = mix[lane] ?? {};
      // A lane left out of the mix (muted, or another soloed) says so: its name and row dimmed.
      const silent = settings.mute === true || (soloing && settings.solo !== true);
      element.classList.toggle('silent', silent);
      this.rows
        .querySelector<HTMLElement>(`[data-lane="${CSS.escape(lane)}"]`)
        ?.classList.toggle('silent', silent);
      const gain = element.querySelector<HTMLInputElement>('.lane-gain')!;
      // A value being typed is left alone (its change sets it).
      if ((element.getRootNode() as Document | ShadowRoot).activeElement !== gain)
        gain.value = String(settings.gainDb ?? 0);
      const pan = element.querySelector<HTMLInputElement>('.lane-pan')!;
      pan.value = String(settings.pan ?? 0);
      const p = settings.pan ?? 0;
      pan.title = `${lane} pan: ${p === 0 ? 'centre' : `${Math.round(Math.abs(p) * 100)}% ${p < 0 ? 'left' : 'right'}`} (double-click: centre)`;
      for (const field of ['mute', 'solo'] as const) {
        const button = element.querySelector<HTMLButtonElement>(`.lane-${field}`)!;
        button.classList.toggle('on', settings[field] === true);
        button.setAttribute('aria-pressed', String(settings[field] === true));
      }
    }
  }

  /** Places the names on their rows (after the timeline's height changed). */
  layout(): void {
    const height = this.wrapper.clientHeight - BED_ROOM_PX - NAMES_ROOM_PX - CHAPTER_ROOM_PX;
    const share = height / Math.max(1, this.lanes.length);
    // The wrapper's top in the timeline's box (below the ruler): the rows' tops are from there.
    const top = this.wrapper.getBoundingClientRect().top - this.container.getBoundingClientRect().top;
    for (const [i, name] of [...this.names.querySelectorAll('.drama-name')].entries()) {
      const element = name as HTMLElement;
      // Halfway down its row: the regions' labels take the top, the clips' names the foot.
      element.style.top = `${Math.round(top + CHAPTER_ROOM_PX + (i + 0.5) * share - 9)}px`;
    }
  }

  /** The headers' width the timeline's box keeps free on its left (0 with no lanes), px. */
  get headerWidth(): number {
    return this.lanes.length > 0 ? LANE_HEADER_PX : 0;
  }

  /**
   * Puts a cue's region in its lane's row (`lane` absent: the lane is not shown, or there are no
   * lanes: the region takes the whole height, as on the timeline of one reading).
   */
  place(region: HTMLElement, lane: string | undefined): void {
    const i = lane === undefined ? -1 : this.lanes.indexOf(lane);
    if (i < 0) {
      // As wavesurfer made it: the whole height (the beds' strip keeps its own, bed-lane.ts).
      region.style.top = '0%';
      region.style.removeProperty('height');
      delete region.dataset.lane;
      delete region.dataset.lanes;
      return;
    }
    const n = String(this.lanes.length);
    if (region.dataset.lane === lane && region.dataset.lanes === n) return;
    region.dataset.lanes = n;
    const box = rowBox(i, this.lanes.length);
    region.style.top = box.top;
    // Important: the beds' style keeps every region above their strip the same way.
    region.style.setProperty('height', box.height, 'important');
    region.dataset.lane = lane;
  }

  clear(): void {
    // The mix stays: the store sets it for the project opening (which may clear the view after).
    this.lanes = [];
    this.rows.replaceChildren();
    // The sounds stay too (drawn again with the lanes): they change with the project's sounds.
    this.sounds.replaceChildren();
    this.names.replaceChildren();
    this.names.hidden = true;
    this.container.classList.remove('with-lane-headers');
    this.container.style.paddingLeft = '';
  }
}

const DRAMA_LANE_STYLE = `
.drama-rows { position: absolute; left: 0; top: 0; width: 100%; height: 100%; pointer-events: none; z-index: 1; }
.drama-row { position: absolute; left: 0; width: 100%; box-sizing: border-box; border-bottom: 1px solid rgba(148, 163, 184, 0.28);
  background: rgba(15, 23, 42, 0.35); }
.drama-row.odd { background: rgba(30, 41, 59, 0.35); }
/* Flat, not hatched: a hatch says "not recorded" (the legend's). */
.drama-row.silent { background: rgba(2, 6, 23, 0.6); }
.drama-sounds { position: absolute; left: 0; top: 0; width: 100%; height: 100%; pointer-events: none; z-index: 4; }
.drama-sound { position: absolute; box-sizing: border-box; padding: 1px 7px; overflow: hidden; white-space: nowrap;
  text-overflow: ellipsis; font: 600 10px system-ui, sans-serif; color: #e9d5ff; background: rgba(147, 51, 234, 0.35);
  border: 1px solid rgba(192, 132, 252, 0.8); border-radius: 3px; pointer-events: auto; cursor: grab; touch-action: none; }
.drama-sound.selected { outline: 2px solid #f8fafc; outline-offset: -1px; }
.drama-sound.dragging { cursor: grabbing; opacity: 0.8; }
.drama-sound .sound-name { position: relative; z-index: 1; pointer-events: none; }
.drama-sound .sound-fade { position: absolute; top: 0; bottom: 0; pointer-events: none; }
.drama-sound .sound-fade.in { background: linear-gradient(to bottom right, rgba(15, 23, 42, 0.75) 50%, transparent 50%); }
.drama-sound .sound-fade.out { background: linear-gradient(to bottom left, rgba(15, 23, 42, 0.75) 50%, transparent 50%); }
/* The handles: edges (trim start, length) and top corners (fades), plain until the block is hovered or selected. */
.drama-sound .sound-grip { position: absolute; z-index: 2; pointer-events: auto; cursor: ew-resize; touch-action: none; }
.drama-sound .sound-grip.trim-start, .drama-sound .sound-grip.trim-end { top: 0; bottom: 0; width: 6px; max-width: 30%; box-sizing: border-box; }
.drama-sound .sound-grip.trim-start { left: 0; border-left: 2px solid rgba(233, 213, 255, 0.35); }
.drama-sound .sound-grip.trim-end { right: 0; border-right: 2px solid rgba(233, 213, 255, 0.35); }
.drama-sound:hover .sound-grip.trim-start, .drama-sound.selected .sound-grip.trim-start,
.drama-sound:hover .sound-grip.trim-end, .drama-sound.selected .sound-grip.trim-end { border-color: rgba(233, 213, 255, 0.8); background: rgba(233, 213, 255, 0.18); }
.drama-sound .sound-grip.fade-in, .drama-sound .sound-grip.fade-out { z-index: 3; top: 0; width: ${FADE_GRIP_PX}px; height: ${FADE_GRIP_PX}px; box-sizing: border-box;
  background: #e9d5ff; border: 1px solid #3b0764; opacity: 0.5; }
.drama-sound .sound-grip.fade-in { border-radius: 0 0 4px 0; }
.drama-sound .sound-grip.fade-out { border-radius: 0 0 0 4px; }
.drama-sound:hover .sound-grip.fade-in, .drama-sound.selected .sound-grip.fade-in,
.drama-sound:hover .sound-grip.fade-out, .drama-sound.selected .sound-grip.fade-out,
.drama-sound.shaping .sound-grip { opacity: 1; }
.drama-sound .sound-seam { position: absolute; top: 0; bottom: 0; width: 0; border-left: 1px dashed rgba(233, 213, 255, 0.9); pointer-events: none; }
`;

/** The headers' column, in the page (the timeline's box is not in wavesurfer's shadow root). */
const DRAMA_NAMES_STYLE = `
.with-lane-headers { position: relative; box-sizing: border-box; }
.drama-names { position: absolute; left: 0; top: 0; bottom: 0; z-index: 7; box-sizing: border-box;
  background: #0b1222; border-right: 1px solid rgba(148, 163, 184, 0.35); }
.drama-level { position: absolute; left: 6px; top: 2px; display: flex; align-items: center; gap: 4px; height: 16px;
  font: 600 11px system-ui, sans-serif; color: #e2e8f0; cursor: pointer; white-space: nowrap; }
.drama-level input { margin: 0; }
.drama-level.off { color: #fbbf24; }
.drama-name { position: absolute; left: 0; right: 4px; display: flex; align-items: center; gap: 3px; height: 18px; box-sizing: border-box;
  padding: 0 4px 0 6px; white-space: nowrap; font: 600 11px system-ui, sans-serif; color: #e2e8f0;
  background: rgba(15, 23, 42, 0.9); border-left: 3px solid #64748b; border-radius: 0 3px 3px 0; }
.drama-label { width: 64px; overflow: hidden; text-overflow: ellipsis; }
.drama-name.silent .drama-label { opacity: 0.45; text-decoration: line-through; }
.drama-name input.lane-gain { width: 42px; height: 14px; padding: 0 2px; font: 10px system-ui, sans-serif; color: #e2e8f0;
  background: #1e293b; border: 1px solid #475569; border-radius: 2px; }
.drama-name .lane-unit { font: 10px system-ui, sans-serif; color: #94a3b8; margin-left: -1px; }
.drama-name input.lane-pan { width: 48px; height: 12px; margin: 0; }
.drama-name button { width: 16px; height: 14px; padding: 0; font: 700 9px system-ui, sans-serif; line-height: 12px; color: #cbd5e1;
  background: #334155; border: 1px solid #475569; border-radius: 2px; cursor: pointer; }
.drama-name button.lane-mute.on { background: #f59e0b; color: #0f172a; }
.drama-name button.lane-solo.on { background: #22c55e; color: #0f172a; }
`;

/**
 * A region's label as a lane shows it: at the top of its short row, with the take that plays
 * ("take 2 of 3") in front.
 */
export function inLane(label: HTMLElement, take: string | undefined): HTMLElement {
  label.style.top = '1px';
  if (take) {
    const chip = document.createElement('span');
    chip.className = 'region-take';
    chip.textContent = take;
    chip.title = `Plays ${take}: T the next complete take, Shift+T the one before (the inspector lists them)`;
    chip.style.cssText =
      'display:inline-block;margin-right:4px;padding:0 4px;border-radius:3px;background:#0ea5e9;color:#0f172a;font-weight:600;text-shadow:none';
    label.prepend(chip);
  }
  return label;
}
