import { MIN_SOUND_LENGTH, MIN_TRIMMED_REST } from '../../../audio/mix/drama-sounds.ts';
import type { BedChange } from '../../../cues/edit/bed-edits.ts';
import { setSpeaker } from '../../../cues/edit/multi-cue.ts';
import { sungPassages } from '../../../cues/edit/sung-passages.ts';
import { speakerOf } from '../../../cues/lists/speakers.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { fileNameOf } from '../../../src/shared/file-name-of.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { fadeRefusal, moveSound, shapeSound, soundOf, soundPlaysOf } from '../state/sound-edits.ts';
import { takeRows } from './take-list.ts';

// The selected cue's facts (kind, speaker, times, confidence), the selected chapter's title, a
// music bed's levels or a sung passage, editable in place; typing a time is an edit like any drag,
// with its own undo step. While the same thing stays selected the fields are updated where they
// are (not rebuilt), so the field being typed in keeps its focus and Tab moves on; a refused
// value is replaced by what the sheet holds. What is typed but not yet taken (no Enter, no Tab)
// is taken before any command, save or way out (commitPending), or refused with its reason: it
// is never silently dropped. Times are read as seconds with a dot or a comma (12.5 or 12,5), or
// as a clock (1:02.5): never reinterpreted.

export interface InspectorHandlers {
  setTimes(id: string, start: number, end: number): void;
  renameChapter(id: string, title: string): void;
  updateBed(id: string, change: BedChange): void;
  removeBed(id: string): void;
  unmarkSung(passageId: string): void;
  setSectionTimes(sectionId: string, start: number, end: number): void;
  /** A typed value that is not taken, and why (said where the user is looking). */
  refuse(message: string): void;
  /** The rows for several selected cues (views/multi-cue-inspector.ts); absent: the first is shown. */
  severalCues?(ids: readonly string[]): HTMLElement[];
}

export class Inspector {
  private readonly root: HTMLElement;
  private readonly store: ProjectStore;
  private readonly handlers: InspectorHandlers;
  /** What the fields on screen are for: the same key means update in place. */
  private shown = '';
  /** Refusals so far: a commit that added one was refused. */
  private refusals = 0;

  constructor(root: HTMLElement, store: ProjectStore, handlers: InspectorHandlers) {
    this.root = root;
    this.store = store;
    this.handlers = handlers;
    store.subscribe((change) => {
      if (change === 'status') return;
      if (change === 'refused') this.refusals++;
      // Typed into and refused: the reason shows under the fields, where the user is looking.
      const typing = root.contains(document.activeElement);
      this.render(change === 'project');
      if (change === 'refused' && typing) this.showRefusal(store.refusal);
    });
  }

  /** The field being typed in, when what it shows is not what the sheet holds yet. */
  private pendingField(): HTMLInputElement | undefined {
    const active = document.activeElement;
    if (!(active instanceof HTMLInputElement) || !this.root.contains(active)) return undefined;
    return active.value !== (active.dataset.value ?? '') ? active : undefined;
  }

  /** Whether something typed waits to be taken (a way out counts it as unsaved). */
  get pending(): boolean {
    return this.pendingField() !== undefined;
  }

  /**
   * Takes what is typed in a field but not committed (as Enter would); false when it was refused
   * (the reason is shown, the field shows the sheet again), so the command that asked waits.
   */
  commitPending(): boolean {
    const field = this.pendingField();
    if (!field) return true;
    const before = this.refusals;
    field.dispatchEvent(new Event('change'));
    return this.refusals === before;
  }

  private speakerInput(id: string, value: string, shown: string | undefined): HTMLElement {
    return speakerField(value, shown, (name) =>
      this.store.edit(name.trim() ? `set speaker ${name.trim()}` : 'clear speaker', (s) =>
        setSpeaker(s, [id], name),
      ),
    );
  }

  private showRefusal(message: string): void {
    const line = document.createElement('p');
    line.className = 'inspector-refusal';
    line.setAttribute('role', 'alert');
    line.dataset.testid = 'inspector-refusal';
    line.textContent = message;
    this.root.append(line);
  }

  render(rebuild = false): void {
    if (!this.store.hasProject) {
      this.shown = '';
      this.root.replaceChildren();
      return;
    }
    this.root.querySelector('.inspector-refusal')?.remove();
    const { rows, key } = this.rows();
    if (!rebuild && key === this.shown) {
      updateInPlace(this.root, rows);
      return;
    }
    this.shown = key;
    this.root.replaceChildren(...rows);
  }

  private rows(): { rows: HTMLElement[]; key: string } {
    const store = this.store;
    const sheet = store.sheet;
    const bed = sheet.beds?.find((b) => b.id === store.selection.bedId);
    if (bed) {
      const id = bed.id;
      return {
        key: `bed:${id}:${bed.loop === true}`,
        rows: [
          field(bed.sfx ? 'Sound effect' : 'Music bed', fileNameOf(bed.path), 'bed-file'),
          numberInput(this.handlers.refuse, 'Starts at (s)', bed.start, 'bed-start', 0.1, (v) =>
            this.handlers.updateBed(id, { start: v }),
          ),
          numberInput(this.handlers.refuse, 'Level (dB)', bed.gainDb, 'bed-gain', 1, (v) =>
            this.handlers.updateBed(id, { gainDb: v }),
          ),
          ...(bed.sfx
            ? []
            : [
                numberInput(this.handlers.refuse, 'Under speech (dB more)', bed.duckDb, 'bed-duck', 1, (v) =>
                  this.handlers.updateBed(id, { duckDb: v }),
                ),
              ]),
          // The numbers the lane's handles drag: trim into the file, span, fades.
          numberInput(this.handlers.refuse, 'From the file at (s)', bed.offset ?? 0, 'bed-offset', 0.1, (v) =>
            this.handlers.updateBed(id, { offset: v }),
          ),
          numberInput(this.handlers.refuse, 'Length (s)', bed.length, 'bed-length', 0.1, (v) =>
            this.handlers.updateBed(id, { length: v }),
          ),
          numberInput(this.handlers.refuse, 'Fade in (s)', bed.fadeIn ?? 0, 'bed-fade-in', 0.1, (v) =>
            this.handlers.updateBed(id, { fadeIn: v }),
          ),
          numberInput(this.handlers.refuse, 'Fade out (s)', bed.fadeOut ?? 0, 'bed-fade-out', 0.1, (v) =>
            this.handlers.updateBed(id, { fadeOut: v }),
          ),
          button(bed.loop ? 'Loop: on (turn off)' : 'Loop: off (turn on)', 'bed-loop', () =>
            this.handlers.updateBed(id, { loop: !bed.loop }),
          ),
          button(bed.sfx ? 'Remove sound effect' : 'Remove bed', 'bed-remove', () =>
            this.handlers.removeBed(id),
          ),
        ],
      };
    }
    const passage = sungPassages(sheet).find((p) => p.id === store.selection.sectionId);
    if (passage) {
      const id = passage.id;
      // A passage the script's lyric cues make follows their times; a marked or detected one has its own.
      const sectionId = passage.cueIds.length === 0 ? passage.sectionIds[0] : undefined;
      const section = sheet.sections?.find((s) => s.id === sectionId);
      const now = () => store.sheet.sections?.find((s) => s.id === section?.id);
      const times = section
        ? [
            numberInput(
              this.handlers.refuse,
              'From (s)',
              section.start,
              'sung-start',
              0.01,
              (v) => this.handlers.setSectionTimes(section.id, v, now()?.end ?? v),
              3,
            ),
            numberInput(
              this.handlers.refuse,
              'To (s)',
              section.end,
              'sung-end',
              0.01,
              (v) => this.handlers.setSectionTimes(section.id, now()?.start ?? v, v),
              3,
            ),
          ]
        : [field('Sung passage', `${clockTime(passage.start)} – ${clockTime(passage.end)}`, 'sung-span')];
      return {
        key: `sung:${id}`,
        rows: [
          ...times,
          field('Lyric cues', String(passage.cueIds.length), 'sung-cues'),
          button('Unmark as sung (Delete)', 'sung-unmark', () => this.handlers.unmarkSung(id)),
        ],
      };
    }
    const several = store.selection.cueIds;
    if (several.length > 1 && this.handlers.severalCues)
      return { key: `cues:${several.join(',')}`, rows: this.handlers.severalCues(several) };
    const cue = store.selectedCue;
    const chapterId = store.selection.chapterId;
    const chapter =
      sheet.chapters.find((c) => c.id === chapterId) ??
      (cue ? sheet.chapters.find((c) => c.cueIds.includes(cue.id)) : undefined);
    const rows: HTMLElement[] = [];
    const soundCue =
      cue !== undefined && store.doc.takes !== undefined && soundOf(store, cue.id) !== undefined;
    if (cue) {
      const id = cue.id;
      // Read at the moment of the change: the fields outlive the cue object they were made for.
      const current = () => store.sheet.cues.find((c) => c.id === id);
      const speaker = speakerOf(cue);
      rows.push(field('Cue', `${cue.kind}${speaker ? ` · ${speaker}` : ''}`, 'inspector-kind'));
      rows.push(this.speakerInput(id, cue.speaker ?? '', speaker));
      // A drama's sound cue is placed by its sound (the rows below), not by times of its own: it
      // starts where its sound plays on the timeline (moved, it moves), not at its chapter's start.
      if (soundCue) {
        const play = soundPlaysOf(store).find((p) => p.cue === id);
        rows.push(field('Starts', play ? clockTime(play.at) : 'not played', 'sound-start'));
      } else {
        rows.push(
          numberInput(
            this.handlers.refuse,
            'Start',
            cue.start,
            'cue-start',
            0.01,
            // An unplaced cue typed into gets a second's length to start with.
            (t) => this.handlers.setTimes(id, t, current()?.end ?? t + 1),
            3,
          ),
        );
        rows.push(
          numberInput(
            this.handlers.refuse,
            'End',
            cue.end,
            'cue-end',
            0.01,
            (t) => this.handlers.setTimes(id, current()?.start ?? Math.max(0, t - 1), t),
            3,
          ),
        );
        rows.push(
          field(
            'Length',
            cue.start !== undefined && cue.end !== undefined
              ? `${(cue.end - cue.start).toFixed(3)} s`
              : 'not placed',
            'cue-length',
          ),
        );
        rows.push(
          field(
            'Confidence',
            cue.confidence === undefined ? '—' : `${Math.round(cue.confidence * 100)} %`,
            'cue-confidence',
          ),
        );
      }
    } else {
      rows.push(field('Cue', 'click a cue in the script or on the timeline', 'inspector-kind'));
    }
    if (chapter) {
      const label = document.createElement('label');
      label.textContent = 'Chapter';
      const input = document.createElement('input');
      input.value = chapter.title;
      input.dataset.value = chapter.title;
      input.dataset.testid = 'chapter-title';
      const id = chapter.id;
      input.addEventListener('change', () => {
        // Taken already (committed before a command, then blurred): not a second edit.
        if (input.value !== input.dataset.value) this.handlers.renameChapter(id, input.value);
      });
      label.append(input);
      rows.push(label);
      // The first chapter opens the production at 0:00 in every export (players expect it there).
      const start = sheet.chapters[0]?.id === chapter.id ? 0 : chapter.start;
      // Beside a sound cue's own start (above), the chapter's is named as the chapter's.
      rows.push(
        field(
          soundCue ? 'Chapter starts' : 'Starts',
          start === undefined ? '—' : clockTime(start),
          'chapter-start',
        ),
      );
    }
    // A drama assembled from takes: the line's takes and the missing lines (rebuilt on a switch).
    const takes = store.doc.takes;
    // A drama's sound cue: where its file plays, its trimmed start, loop, length and fades (one undo step each).
    const sound = cue && takes ? this.soundRows(cue.id) : undefined;
    if (sound) rows.push(...sound.rows);
    if (takes) rows.push(...takeRows(store, cue?.id));
    const picks = takes ? takes.map((l) => l.pick ?? '-').join(',') : '';
    return {
      key: `cue:${cue?.id ?? ''}|chapter:${chapter?.id ?? ''}|takes:${picks}|sound:${sound?.key ?? ''}`,
      rows,
    };
  }

  /** The rows of the sound file that plays cue `id` in a drama (undefined: it plays none). */
  private soundRows(id: string): { rows: HTMLElement[]; key: string } | undefined {
    const store = this.store;
    const sound = soundOf(store, id);
    if (!sound) return undefined;
    const play = soundPlaysOf(store).find((p) => p.cue === id);
    const refuse = this.handlers.refuse;
    const name = fileNameOf(sound.path);
    const loop = sound.loop === true;
    /** `apply` unless `wrong` says why not (then said, and false: the field shows the kept value). */
    const unless = (wrong: string | undefined, apply: () => boolean): boolean => {
      if (!wrong) return apply();
      refuse(wrong);
      return false;
    };
    /** A fade's field, checked against the sound as it is now (the rows outlive a change of the other fade). */
    const fadeInput = (side: 'in' | 'out') => {
      const key = side === 'in' ? 'fadeIn' : 'fadeOut';
      const other = side === 'in' ? 'fadeOut' : 'fadeIn';
      return numberInput(refuse, `Fade ${side} (s)`, sound[key] ?? 0, `sound-fade-${side}`, 0.1, (v) => {
        const now = soundPlaysOf(store).find((p) => p.cue === id);
        return unless(fadeRefusal(v, side, now?.span.length, soundOf(store, id)?.[other] ?? 0), () =>
          shapeSound(store, id, { [key]: v }),
        );
      });
    };
    const lengthTitle = loop
      ? sound.length === undefined
        ? 'until the next sound of its lane (the last line’s end when none follows), at least its file once'
        : 'as typed'
      : sound.length === undefined || (play && sound.length >= play.fileSeconds - play.span.offset - 0.0005)
        ? sound.offset
          ? 'the rest of its file after the trim'
          : 'its whole file'
        : 'cut short';
    const rows = [
      field(sound.lane === 'Music' ? 'Music' : 'Sound effect', name, 'sound-file'),
      numberInput(refuse, 'Plays at (s)', play?.at, 'sound-at', 0.1, (v) => moveSound(store, id, v), 3),
      numberInput(
        refuse,
        'Trim start (s)',
        sound.offset ?? 0,
        'sound-trim-start',
        0.1,
        (v) => {
          const wrong =
            v < 0
              ? 'not changed: a trim is 0 s or more (0: the whole file)'
              : play && v > play.fileSeconds - MIN_TRIMMED_REST
                ? `not changed: ${name} is ${play.fileSeconds.toFixed(2)} s long; trim less of its start`
                : undefined;
          return unless(wrong, () => shapeSound(store, id, { offset: v }));
        },
        3,
      ),
      button(loop ? 'Loop: on (turn off)' : 'Loop: off (turn on)', 'sound-loop', () =>
        shapeSound(store, id, { loop: !loop }),
      ),
      numberInput(
        refuse,
        'Length (s)',
        play?.span.length,
        'sound-length',
        0.1,
        (v) => {
          const wrong =
            v < MIN_SOUND_LENGTH
              ? `not changed: a sound plays ${MIN_SOUND_LENGTH} s at the least (${loop ? 'Loop until the next sound' : 'Play the whole file'} gives its own length back)`
              : !loop && play && v > play.fileSeconds + 0.0005
                ? `not changed: ${name} is ${play.fileSeconds.toFixed(2)} s long; loop it to play it longer`
                : undefined;
          return unless(wrong, () => shapeSound(store, id, { length: v }));
        },
        3,
      ),
      field('Length is', lengthTitle, 'sound-length-rule'),
      ...(sound.length !== undefined
        ? [
            button(loop ? 'Loop until the next sound' : 'Play the whole file', 'sound-length-auto', () =>
              shapeSound(store, id, { length: null }),
            ),
          ]
        : []),
      fadeInput('in'),
      fadeInput('out'),
    ];
    return { rows, key: `${loop}:${sound.length !== undefined}` };
  }
}

/** The cue's speaker, typed (Enter or Tab sets it, one undo step; empty: nobody named). */
function speakerField(value: string, shown: string | undefined, set: (name: string) => void): HTMLElement {
  const label = document.createElement('label');
  label.textContent = 'Speaker';
  const input = document.createElement('input');
  input.value = value;
  input.dataset.value = value;
  input.dataset.testid = 'cue-speaker';
  input.placeholder = shown ?? 'nobody';
  input.title = 'Who says this cue (empty: narration is the Narrator’s)';
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.addEventListener('change', () => {
    // Taken already (committed before a command, then blurred): not a second edit.
    if (input.value.trim() !== input.dataset.value) set(input.value);
  });
  label.append(input);
  return label;
}

/** Copies the values of freshly built rows into the ones on screen (matched by test id). */
function updateInPlace(root: HTMLElement, rows: HTMLElement[]): void {
  for (const row of rows) {
    for (const fresh of row.querySelectorAll<HTMLElement>('[data-testid]')) {
      const live = root.querySelector<HTMLElement>(`[data-testid="${fresh.dataset.testid}"]`);
      if (!live) continue;
      if (live instanceof HTMLInputElement && fresh instanceof HTMLInputElement) {
        if (live.value !== fresh.value) live.value = fresh.value;
        live.dataset.value = fresh.value;
      } else if (live.textContent !== fresh.textContent) live.textContent = fresh.textContent;
    }
  }
}

/**
 * A typed number or time in seconds: a dot or a comma as the decimal separator (12.5, 12,5), or a
 * clock (1:02.5, 0:01:02,5). Undefined for anything else (never guessed: "0,7" is not 7).
 */
export function parseSeconds(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return Number(t);
  const clock = /^(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d*)?)$/.exec(t);
  if (!clock || Number(clock[3]) >= 60 || (clock[1] !== undefined && Number(clock[2]) >= 60))
    return undefined;
  return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
}

/**
 * A number field that takes what parseSeconds reads; `digits` fixes how a time is shown. `onChange`
 * returns false when it refused the value (the field then shows the value kept again).
 */
function numberInput(
  refuse: (message: string) => void,
  name: string,
  value: number | undefined,
  testid: string,
  step: number,
  onChange: (v: number) => unknown,
  digits?: number,
): HTMLElement {
  const label = document.createElement('label');
  label.textContent = name;
  const input = document.createElement('input');
  // Text, not type=number: Chromium's number field drops a comma ("0,7" became 07, read as 7).
  input.type = 'text';
  input.inputMode = 'decimal';
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.dataset.step = String(step);
  input.value = value === undefined ? '' : digits === undefined ? String(value) : value.toFixed(digits);
  input.dataset.value = input.value;
  input.dataset.testid = testid;
  input.addEventListener('change', () => {
    // Taken already (committed before a command, then blurred): not a second edit.
    if (input.value === (input.dataset.value ?? '')) return;
    const v = parseSeconds(input.value);
    if (v !== undefined) {
      // Refused or no change (false): the field shows the value it keeps, not the one typed.
      if (onChange(v) === false) input.value = input.dataset.value ?? '';
      return;
    }
    // Not a number (cleared, or letters): the field shows the value it stands for again, and says why.
    const typed = input.value.trim();
    input.value = input.dataset.value ?? '';
    refuse(
      typed === ''
        ? `not changed: ${name} was emptied (it keeps ${input.value || 'no value'}; type a new value to change it)`
        : `not changed: "${typed}" is not a number for ${name} (seconds like 12.5 or 12,5, or a clock like 1:02.5)`,
    );
  });
  label.append(input);
  return label;
}

/** A plain button of the inspectors: its text, its test id, what a click does. */
export function button(text: string, testid: string, run: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.dataset.testid = testid;
  element.addEventListener('click', run);
  return element;
}

function field(name: string, value: string, testid: string): HTMLElement {
  const row = document.createElement('div');
  row.className = 'field';
  const label = document.createElement('span');
  label.textContent = name;
  const output = document.createElement('output');
  output.textContent = value;
  output.dataset.testid = testid;
  row.append(label, output);
  return row;
}
