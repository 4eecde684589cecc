import { chapterMarks } from '../../../cues/sidecars/chapter-marks.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import type { ExportSettings } from '../../../src/project/project-schema.ts';
import { fileNameOf } from '../../../src/shared/file-name-of.ts';
import { safeFileName } from '../../../src/shared/safe-file-name.ts';
import type { ApiClient } from '../api/api-client.ts';
import { loudnessPlanText, unreviewedCues } from '../export-checks.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { setLevelling, soundShapes } from '../state/sound-edits.ts';
import type { AppDialog } from './app-dialog.ts';
import { exportShapeText } from './export-output-shape.ts';

// Format, loudness preset (or no loudness change), bitrate, the file's tags, sidecars, lyric
// chapters; the chapters the file will have, the recording's loudness measured on request and what
// the preset does to it, and the cues nobody has reviewed yet. Then the user picks the file, a
// progress bar follows the export, Cancel stops it (no partial file is left), and the result can be
// shown in its folder. An audio drama assembled from takes adds its own choices: its dialogue
// levelled per actor or left at the recorded levels (`--no-level`), and its stems, a WAV per lane
// into a folder picked through the same picker as the file (`--stems DIR`).

// Each label says what the delivered file is (the export makes it so).
const LOUDNESS_CHOICES: Array<[string, string]> = [
  ['podcast-mono', 'Podcast mono (-19 LUFS, 44.1 kHz, 64 kbps)'],
  ['podcast', 'Podcast stereo (-16 LUFS, 44.1 kHz, 128 kbps)'],
  ['ebu-r128', 'EBU R128 (-23 LUFS, channels and rate as recorded)'],
  ['acx', 'ACX audiobook (-20 LUFS, MP3 192 kbps CBR, 44.1 kHz, a checked file per chapter)'],
  ['none', 'No loudness change (level, channels and rate as recorded)'],
];

/** Lossy formats' bitrate in kbit/s; empty: the preset's (or the format's default). */
const BITRATE_CHOICES: Array<[string, string]> = [
  ['', 'As the preset says'],
  ['64', '64 kbps'],
  ['96', '96 kbps'],
  ['128', '128 kbps'],
  ['192', '192 kbps'],
  ['256', '256 kbps'],
];

/** The delivered file's rate in Hz; empty: the preset's (or the recording's). */
const SAMPLE_RATE_CHOICES: Array<[string, string]> = [
  ['', 'As the preset says'],
  ['22050', '22.05 kHz'],
  ['44100', '44.1 kHz'],
  ['48000', '48 kHz'],
];

const FORMAT_CHOICES: Array<[ExportSettings['format'], string]> = [
  ['mp3', 'MP3 with ID3 chapters'],
  ['m4b', 'M4B audiobook (AAC)'],
  ['opus', 'Ogg Opus'],
  ['flac', 'FLAC'],
  ['wav', 'WAV with cue markers'],
];

export class ExportDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly api: ApiClient;
  private readonly store: ProjectStore;
  private readonly progress: HTMLProgressElement;
  private readonly result: HTMLElement;
  /** What the delivered file missed of its loudness target, naming the file (one line). */
  private readonly missed: HTMLElement;
  private readonly questions: AppDialog;
  private running = false;
  /** What the message above the buttons is (say). */
  private saidKind: 'none' | 'refusal' | 'progress' | 'result' = 'none';

  constructor(dialog: HTMLDialogElement, api: ApiClient, store: ProjectStore, questions: AppDialog) {
    this.dialog = dialog;
    this.api = api;
    this.store = store;
    this.questions = questions;
    dialog.innerHTML = `
      <form method="dialog">
        <h2>Export production</h2>
        <label>Format <select name="format">${options(FORMAT_CHOICES)}</select></label>
        <label>Loudness <select name="loudness">${options(LOUDNESS_CHOICES)}</select></label>
        <label>Bitrate <select name="bitrate">${options(BITRATE_CHOICES)}</select></label>
        <label>Sample rate <select name="sampleRate">${options(SAMPLE_RATE_CHOICES)}</select></label>
        <output class="export-shape" data-testid="export-shape"></output>
        <fieldset class="export-tags"><legend>Tags</legend>
          <label>Title <input name="title" type="text" autocomplete="off"></label>
          <label>Author <input name="artist" type="text" autocomplete="off"></label>
          <label>Album <input name="album" type="text" autocomplete="off" placeholder="the title"></label>
          <div class="export-cover"><button type="button" value="cover" data-testid="export-cover">Cover art…</button>
            <output data-testid="export-cover-name">none</output>
            <button type="button" value="no-cover" data-testid="export-no-cover" hidden>Remove</button></div>
        </fieldset>
        <fieldset class="export-drama" data-testid="export-drama" hidden style="border: 1px solid var(--line); border-radius: 6px; margin: 4px 0 8px; padding: 4px 10px 8px"><legend>Audio drama</legend>
          <label class="check"><input type="checkbox" name="level" checked> Level the dialogue: each actor's lane to a common loudness (off: as recorded; the preview plays it the same, and the switch over the lanes sets it too)</label>
          <div class="export-stems" style="display: flex; gap: 10px; align-items: center; flex-wrap: wrap">
            <label class="check"><input type="checkbox" name="stems"> Stems: a WAV per lane that plays (each character, narration, SFX, music) into a folder</label>
            <button type="button" value="stems-folder" data-testid="export-stems-folder">Choose folder…</button>
            <output data-testid="export-stems-name">no folder</output>
          </div>
        </fieldset>
        <label class="check"><input type="checkbox" name="sidecars"> Sidecars (chapters VTT/JSON, CUE, LRC, captions)</label>
        <label class="check"><input type="checkbox" name="lyricChapters"> Sung passages as chapters</label>
        <div class="export-per-chapter">
          <label class="check"><input type="checkbox" name="perChapter"> One file per chapter (no sidecars)</label>
          <label class="check">with <input name="roomTone" type="number" min="1" max="5" step="0.5" value="2"> s of room tone at each end</label>
        </div>
        <details class="export-chapters" open><summary data-testid="export-chapter-count"></summary>
          <ol data-testid="export-chapters"></ol></details>
        <div class="export-loudness">
          <button type="button" value="analyze" data-testid="export-analyze">Measure loudness</button>
          <output data-testid="export-loudness"></output>
        </div>
        <div class="export-warning" data-testid="export-unreviewed" hidden></div>
        <progress value="0" max="1" hidden></progress>
        <div class="export-result" aria-live="polite"></div>
        <div class="export-warning export-missed" data-testid="export-missed" role="alert" hidden></div>
        <menu>
          <button type="button" value="cancel" data-testid="export-cancel">Close</button>
          <button type="button" value="reveal" data-testid="export-reveal" hidden>Show in folder</button>
          <button type="button" value="export" data-testid="export-start" class="primary">Choose file and export…</button>
        </menu>
      </form>`;
    this.progress = dialog.querySelector('progress')!;
    this.result = dialog.querySelector('.export-result')!;
    this.missed = dialog.querySelector('[data-testid="export-missed"]')!;
    dialog.querySelector('[value="export"]')!.addEventListener('click', () => void this.run());
    dialog.querySelector('[value="cancel"]')!.addEventListener('click', () => void this.cancelOrClose());
    dialog.querySelector('[value="analyze"]')!.addEventListener('click', () => void this.analyze());
    dialog.querySelector('[value="cover"]')!.addEventListener('click', () => void this.pickCover());
    dialog.querySelector('[value="no-cover"]')!.addEventListener('click', () => this.showCover(undefined));
    dialog
      .querySelector('[value="stems-folder"]')!
      .addEventListener('click', () => void this.pickStemsFolder());
    const form = this.form();
    form.lyricChapters.addEventListener('change', () => this.showChapters());
    form.loudness.addEventListener('change', () => {
      this.showLoudness();
      this.showPerChapter();
    });
    form.perChapter.addEventListener('change', () => this.showPerChapter());
    // The drama's own levelling (the switch over the lanes' headers too): what the preview plays.
    form.level.addEventListener('change', () => setLevelling(this.store, form.level.checked));
    for (const choice of [form.format, form.loudness, form.bitrate, form.sampleRate])
      choice.addEventListener('change', () => this.showShape());
    api.onEvent((event) => {
      if (event.type === 'progress' && event.task === 'export' && this.running) {
        // Forward only (the back end says so too): a late event of a pass never moves it back.
        this.progress.value = Math.max(this.progress.value, event.fraction);
        this.say(`${event.phase}… ${Math.round(this.progress.value * 100)} %`, 'progress');
      }
    });
  }

  open(): void {
    const settings = this.store.project?.exportSettings;
    const form = this.form();
    if (settings) {
      form.format.value = settings.format;
      form.loudness.value = settings.loudness;
      form.sidecars.checked = settings.sidecars;
      form.lyricChapters.checked = settings.lyricChapters;
      form.bitrate.value = settings.bitrate ? String(settings.bitrate) : '';
      form.sampleRate.value = settings.sampleRate ? String(settings.sampleRate) : '';
      form.artist.value = settings.artist ?? '';
      form.album.value = settings.album ?? '';
      form.perChapter.checked = settings.perChapter ?? false;
      form.roomTone.value = String(settings.roomTone ?? 2);
    }
    form.title.value = settings?.title || this.store.sheet.title;
    form.level.checked = !this.isDrama() || this.store.doc.levelDialogue !== false;
    // A drama's own choices; any other production has no lanes to level or split.
    this.dialog.querySelector<HTMLElement>('[data-testid="export-drama"]')!.hidden = !this.isDrama();
    // Nor does a drama's export make one file per chapter or chapters of sung passages (the CLI
    // refuses both): offered, the first failed after a file was picked, the second did nothing.
    const drama = this.isDrama();
    for (const box of [form.perChapter, form.lyricChapters]) {
      box.disabled = drama;
      if (drama) box.checked = false;
    }
    form.perChapter.title = drama ? 'An assembled drama is exported as one file (per chapter: not yet)' : '';
    form.lyricChapters.title = drama ? 'An assembled drama’s chapters are its script’s headings' : '';
    this.measured = undefined;
    this.sidecarsWanted = form.sidecars.checked;
    this.showLoudness();
    this.showPerChapter();
    this.showShape();
    this.showUnreviewed();
    this.say('', 'none');
    this.showMissed(undefined);
    this.progress.hidden = true;
    this.dialog.querySelector<HTMLButtonElement>('[value="reveal"]')!.hidden = true;
    this.dialog.showModal();
  }

  private form() {
    const f = this.dialog.querySelector('form')!;
    return {
      format: f.elements.namedItem('format') as HTMLSelectElement,
      loudness: f.elements.namedItem('loudness') as HTMLSelectElement,
      sidecars: f.elements.namedItem('sidecars') as HTMLInputElement,
      lyricChapters: f.elements.namedItem('lyricChapters') as HTMLInputElement,
      bitrate: f.elements.namedItem('bitrate') as HTMLSelectElement,
      sampleRate: f.elements.namedItem('sampleRate') as HTMLSelectElement,
      title: f.elements.namedItem('title') as HTMLInputElement,
      artist: f.elements.namedItem('artist') as HTMLInputElement,
      album: f.elements.namedItem('album') as HTMLInputElement,
      perChapter: f.elements.namedItem('perChapter') as HTMLInputElement,
      roomTone: f.elements.namedItem('roomTone') as HTMLInputElement,
      level: f.elements.namedItem('level') as HTMLInputElement,
      stems: f.elements.namedItem('stems') as HTMLInputElement,
    };
  }

  /** The open project is an audio drama assembled from takes (it has lanes). */
  private isDrama(): boolean {
    return this.store.hasProject && this.store.doc.takes !== undefined;
  }

  /** The folder a drama's stems go into (picked, so granted for writing; kept while the app runs). */
  private stemsDir?: string;

  /** Asks for the stems' folder; a folder chosen ticks Stems. False when none was chosen. */
  private async pickStemsFolder(): Promise<boolean> {
    const path = await this.api.call('pick', { purpose: 'stems-folder' });
    if (!path) return false;
    this.stemsDir = path;
    this.form().stems.checked = true;
    this.dialog.querySelector('[data-testid="export-stems-name"]')!.textContent = path;
    return true;
  }

  /** Cover art picked for this export (a path the picker granted; not kept in the project). */
  private cover?: string;

  private async pickCover(): Promise<void> {
    const path = await this.api.call('pick', { purpose: 'cover' });
    if (path) this.showCover(path);
  }

  private showCover(path: string | undefined): void {
    this.cover = path;
    this.dialog.querySelector('[data-testid="export-cover-name"]')!.textContent = path
      ? fileNameOf(path)
      : 'none';
    this.dialog.querySelector<HTMLButtonElement>('[value="no-cover"]')!.hidden = !path;
  }

  /** Whether sidecars were ticked before one file per chapter turned them off (given back after). */
  private sidecarsWanted = false;

  /**
   * One file per chapter (ticked, or ACX) writes no sidecars, nor does an assembled drama's export
   * (as `cuewright export --sidecars` refuses it): the box says so, and the count says files.
   */
  private showPerChapter(): void {
    const form = this.form();
    const perChapter = form.perChapter.checked || form.loudness.value === 'acx';
    const none = perChapter || this.isDrama();
    if (none && !form.sidecars.disabled) this.sidecarsWanted = form.sidecars.checked;
    form.sidecars.disabled = none;
    form.sidecars.checked = none ? false : this.sidecarsWanted;
    form.sidecars.title = perChapter
      ? 'One file per chapter writes no sidecars'
      : none
        ? 'An assembled drama’s export writes no sidecars yet'
        : '';
    this.showChapters();
  }

  /**
   * What a drama's mix is before the export's choices: the highest rate of its takes and sounds
   * (src/production/drama-mix.ts), mono, or stereo when a lane is panned.
   */
  private dramaSource(): { sampleRate: number; channels: number } {
    const rates = [
      ...[...this.store.recordings.values()].filter((r) => !r.missing).map((r) => r.sampleRate),
      ...(this.store.project?.sounds ?? []).flatMap((s) => (s.sampleRate ? [s.sampleRate] : [])),
    ];
    const panned = Object.values(this.store.doc.lanes ?? {}).some((l) => (l.pan ?? 0) !== 0);
    return { sampleRate: Math.max(...rates), channels: panned ? 2 : 1 };
  }

  /** What the file will be: format, rate, channels, bitrate (as the export will make it). */
  private showShape(): void {
    const form = this.form();
    const recording = this.store.project?.audio;
    this.dialog.querySelector('[data-testid="export-shape"]')!.textContent = recording
      ? `Output: ${exportShapeText(
          {
            format: form.format.value as ExportSettings['format'],
            loudness: form.loudness.value,
            ...(form.bitrate.value ? { bitrateKbps: Number(form.bitrate.value) } : {}),
            ...(form.sampleRate.value ? { sampleRate: Number(form.sampleRate.value) } : {}),
          },
          this.isDrama() ? this.dramaSource() : { sampleRate: recording.sampleRate },
        )}`
      : '';
  }

  /** The recording's loudness, once measured in this dialog (what the preset line is about). */
  private measured?: Parameters<typeof loudnessPlanText>[0];

  /** The chapters the file will have (as players list them), with the lyric chapters if asked. */
  private showChapters(): void {
    const count = this.dialog.querySelector('[data-testid="export-chapter-count"]')!;
    // Nothing placed yet has no chapters to list: the dialog still opens, and Export says why.
    if (!this.store.sheet.cues.some((cue) => cue.start !== undefined)) {
      count.textContent = 'No chapters yet: no cue has a time';
      this.dialog.querySelector('[data-testid="export-chapters"]')!.replaceChildren();
      return;
    }
    const marks = chapterMarks(this.store.sheet, {
      duration: this.store.project?.audio.duration ?? 0,
      lyricsAsChapters: this.form().lyricChapters.checked,
    });
    const form = this.form();
    const perChapter = form.perChapter.checked || form.loudness.value === 'acx';
    count.textContent = perChapter
      ? `${marks.length} file${marks.length === 1 ? '' : 's'}, one per chapter`
      : `${marks.length} chapter${marks.length === 1 ? '' : 's'} in the file`;
    this.dialog.querySelector('[data-testid="export-chapters"]')!.replaceChildren(
      ...marks.map((mark) => {
        const item = document.createElement('li');
        item.textContent = `${clockTime(mark.start)}  ${mark.title}`;
        return item;
      }),
    );
  }

  /** Cues nobody has listened to yet: said before the export, not after. */
  private showUnreviewed(): void {
    const box = this.dialog.querySelector<HTMLElement>('[data-testid="export-unreviewed"]')!;
    const cues = unreviewedCues(this.store.sheet);
    box.hidden = cues.length === 0;
    const head = document.createElement('p');
    head.textContent = `${cues.length} cue${cues.length === 1 ? '' : 's'} not reviewed yet (Review tab, R): the export takes them as they are.`;
    const list = document.createElement('ul');
    list.append(
      ...cues.slice(0, 8).map((cue) => {
        const item = document.createElement('li');
        item.textContent = `${cue.at} — ${cue.reason}: “${cue.text}”`;
        return item;
      }),
    );
    if (cues.length > 8)
      list.append(
        Object.assign(document.createElement('li'), { textContent: `and ${cues.length - 8} more` }),
      );
    box.replaceChildren(head, list);
  }

  private showLoudness(): void {
    const out = this.dialog.querySelector('[data-testid="export-loudness"]')!;
    out.textContent = this.measured ? loudnessPlanText(this.measured, this.form().loudness.value) : '';
  }

  /** Measures the recording (one decoding pass, progress in the footer) and says what the export does. */
  private async analyze(): Promise<void> {
    const out = this.dialog.querySelector('[data-testid="export-loudness"]')!;
    out.textContent = 'measuring…';
    try {
      this.measured = await this.api.call('analyzeLoudness');
      this.showLoudness();
    } catch (error) {
      out.textContent = `Not measured: ${(error as Error).message}`;
    }
  }

  private async run(): Promise<void> {
    if (this.running) return;
    const form = this.form();
    const settings: ExportSettings = {
      format: form.format.value as ExportSettings['format'],
      loudness: form.loudness.value,
      sidecars: form.sidecars.checked,
      lyricChapters: form.lyricChapters.checked,
      ...(form.bitrate.value ? { bitrate: Number(form.bitrate.value) } : {}),
      ...(form.sampleRate.value ? { sampleRate: Number(form.sampleRate.value) } : {}),
      ...(form.title.value.trim() ? { title: form.title.value.trim() } : {}),
      ...(form.artist.value.trim() ? { artist: form.artist.value.trim() } : {}),
      ...(form.album.value.trim() ? { album: form.album.value.trim() } : {}),
      ...(form.perChapter.checked ? { perChapter: true, roomTone: Number(form.roomTone.value) } : {}),
    };
    // ACX delivers a file per chapter whatever is ticked (as `cuewright export --loudness acx`).
    const perChapter = settings.perChapter === true || settings.loudness === 'acx';
    // Room tone is 1 to 5 s (as `--room-tone`): said here, before a file is chosen.
    if (settings.perChapter && !(Number(settings.roomTone) >= 1 && Number(settings.roomTone) <= 5)) {
      this.say(`Room tone must be 1 to 5 seconds (not "${form.roomTone.value}").`, 'refusal');
      return;
    }
    // Said before a file is chosen: an export of cues without times fails after the pick.
    if (!this.store.sheet.cues.some((c) => c.start !== undefined)) {
      this.say('Nothing to export yet: no cue has a time. Align first (Ctrl+Shift+A).', 'refusal');
      return;
    }
    const drama = this.isDrama();
    // Stems ticked with no folder yet: the folder is asked for first.
    if (drama && form.stems.checked && !this.stemsDir && !(await this.pickStemsFolder())) return;
    const stems = drama && form.stems.checked ? this.stemsDir : undefined;
    const output = await this.api.call('pick', {
      purpose: 'export',
      suggestedName: safeFileName(this.store.sheet.title, settings.format),
    });
    if (!output) return;
    // Files of the user's under a sidecar's name (their own .cue or .srt) are replaced only when agreed.
    const replace =
      settings.sidecars && !perChapter
        ? await this.api.call('sidecarsInTheWay', { sheet: this.store.sheet, output })
        : [];
    if (replace.length > 0) {
      const answer = await this.questions.ask(
        'Replace files?',
        `These files were not written by Cuewright and would be replaced: ${replace.join(', ')}`,
        [
          { value: 'keep', label: 'Cancel' },
          { value: 'replace', label: 'Replace them', danger: true, primary: true },
        ],
        'keep',
      );
      if (answer !== 'replace') return;
    }
    this.running = true;
    this.showMissed(undefined);
    this.progress.hidden = false;
    this.progress.value = 0;
    this.dialog.querySelector<HTMLButtonElement>('[value="cancel"]')!.textContent = 'Cancel';
    try {
      const summary = await this.api.call('exportProduction', {
        sheet: this.store.sheet,
        output,
        settings,
        ...(replace.length > 0 ? { replace } : {}),
        ...(this.cover ? { cover: this.cover } : {}),
        // A drama is mixed with its lanes as they are now (not as last saved).
        ...(drama
          ? {
              lanes: this.store.doc.lanes ?? {},
              level: form.level.checked,
              ...(this.store.doc.sounds ? { sounds: soundShapes(this.store) } : {}),
            }
          : {}),
        ...(stems ? { stems } : {}),
      });
      if (this.store.project) this.store.project.exportSettings = settings;
      this.progress.value = 1;
      const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
      // What a checking preset (ACX) found in each file, read back after writing.
      const failed = (summary.checks ?? []).flatMap((c, i) =>
        c.pass ? [] : [`file ${i + 1}: ${c.problems.join('; ')}`],
      );
      const checked = summary.checks
        ? failed.length === 0
          ? `; ACX: every file passes`
          : `; ACX: ${failed.join(' · ')}`
        : '';
      const done = perChapter
        ? `Exported ${count(summary.files.length, 'chapter file')}, the first ${summary.output}${checked}`
        : `Exported ${count(summary.chapters.length, 'chapter')} to ${summary.output}${
            summary.files.length > 1 ? ` (+ ${count(summary.files.length - 1, 'sidecar')})` : ''
          }${summary.levelled === false ? ', dialogue as recorded (not levelled)' : ''}${
            summary.stems ? `; ${count(summary.stems.files.length, 'stem')} in ${summary.stems.dir}` : ''
          }`;
      this.say(done, 'result');
      this.result.dataset.output = summary.output;
      // The file is written all the same: what it missed is said beside the result, naming it.
      const warning = summary.targetMissed ?? summary.clipped;
      this.showMissed(warning && `Warning: ${summary.output}: ${warning}`);
      const reveal = this.dialog.querySelector<HTMLButtonElement>('[value="reveal"]')!;
      reveal.hidden = false;
      reveal.onclick = () => void this.api.call('revealInFolder', { path: summary.output });
      this.store.setStatus(`exported ${summary.output}${warning ? ` (${warning})` : ''}`);
    } catch (error) {
      // The bar goes: a cancelled or failed export has no progress to show.
      this.progress.hidden = true;
      this.progress.value = 0;
      const message = (error as Error).message;
      this.say(
        /cancelled/.test(message) ? 'Export cancelled: no file was written.' : `Export failed: ${message}`,
        'result',
      );
      this.store.setStatus(this.result.textContent);
    } finally {
      this.running = false;
      this.dialog.querySelector<HTMLButtonElement>('[value="cancel"]')!.textContent = 'Close';
    }
  }

  /**
   * Says `text` above the buttons. A message new or of another kind than the last is brought into
   * view (with the choices scrolled to the top it was said out of sight); the progress's next
   * figure is not, or each tick pulled a user who had scrolled up back down.
   */
  private say(text: string, kind: 'none' | 'refusal' | 'progress' | 'result'): void {
    const again = kind === 'progress' && this.saidKind === 'progress';
    this.result.textContent = text;
    this.saidKind = kind;
    if (text && !again) this.result.scrollIntoView({ block: 'nearest' });
  }

  /** The loudness target's miss under the result, or nothing. */
  private showMissed(text: string | undefined): void {
    this.missed.textContent = text ?? '';
    this.missed.hidden = !text;
    // Under the result line, which say() brought into view: the warning too, or it went unseen.
    if (text) this.missed.scrollIntoView({ block: 'nearest' });
  }

  private async cancelOrClose(): Promise<void> {
    if (this.running) await this.api.call('cancelExport');
    else this.dialog.close();
  }
}

function options(choices: Array<[string, string]>): string {
  return choices.map(([value, label]) => `<option value="${value}">${label}</option>`).join('');
}
