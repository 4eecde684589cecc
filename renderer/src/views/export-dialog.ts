import type { ExportSettings } from '../../../src/project/project-schema.ts';
import { safeFileName } from '../../../src/shared/safe-file-name.ts';
import type { ApiClient } from '../api/api-client.ts';
import type { ProjectStore } from '../state/project-store.ts';
import type { AppDialog } from './app-dialog.ts';

// Format, loudness preset, sidecars, lyric chapters; then the user picks the file, a progress bar
// follows the export, Cancel stops it (no partial file is left), and the result can be shown in
// its folder.

// Each label says what the delivered file is (the export makes it so). ACX is one file per
// chapter, which only `cuewright export` writes so far: the app offers it once it can.
const LOUDNESS_CHOICES: Array<[string, string]> = [
  ['podcast-mono', 'Podcast mono (-19 LUFS, 44.1 kHz, 64 kbps)'],
  ['podcast', 'Podcast stereo (-16 LUFS, 44.1 kHz, 128 kbps)'],
  ['ebu-r128', 'EBU R128 (-23 LUFS, channels and rate as recorded)'],
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
  private readonly questions: AppDialog;
  private running = false;

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
        <label class="check"><input type="checkbox" name="sidecars"> Sidecars (chapters VTT/JSON, CUE, LRC, captions)</label>
        <label class="check"><input type="checkbox" name="lyricChapters"> Sung passages as chapters</label>
        <progress value="0" max="1" hidden></progress>
        <div class="export-result" aria-live="polite"></div>
        <menu>
          <button type="button" value="cancel" data-testid="export-cancel">Close</button>
          <button type="button" value="reveal" data-testid="export-reveal" hidden>Show in folder</button>
          <button type="button" value="export" data-testid="export-start" class="primary">Choose file and export…</button>
        </menu>
      </form>`;
    this.progress = dialog.querySelector('progress')!;
    this.result = dialog.querySelector('.export-result')!;
    dialog.querySelector('[value="export"]')!.addEventListener('click', () => void this.run());
    dialog.querySelector('[value="cancel"]')!.addEventListener('click', () => void this.cancelOrClose());
    api.onEvent((event) => {
      if (event.type === 'progress' && event.task === 'export' && this.running) {
        // Forward only (the back end says so too): a late event of a pass never moves it back.
        this.progress.value = Math.max(this.progress.value, event.fraction);
        this.result.textContent = `${event.phase}… ${Math.round(this.progress.value * 100)} %`;
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
    }
    this.result.textContent = '';
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
    };
  }

  private async run(): Promise<void> {
    if (this.running) return;
    const form = this.form();
    const settings: ExportSettings = {
      format: form.format.value as ExportSettings['format'],
      loudness: form.loudness.value,
      sidecars: form.sidecars.checked,
      lyricChapters: form.lyricChapters.checked,
    };
    // Said before a file is chosen: an export of cues without times fails after the pick.
    if (!this.store.sheet.cues.some((c) => c.start !== undefined)) {
      this.result.textContent = 'Nothing to export yet: no cue has a time. Align first (Ctrl+Shift+A).';
      return;
    }
    const output = await this.api.call('pick', {
      purpose: 'export',
      suggestedName: safeFileName(this.store.sheet.title, settings.format),
    });
    if (!output) return;
    // Files of the user's under a sidecar's name (their own .cue or .srt) are replaced only when agreed.
    const replace = settings.sidecars
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
    this.progress.hidden = false;
    this.progress.value = 0;
    this.dialog.querySelector<HTMLButtonElement>('[value="cancel"]')!.textContent = 'Cancel';
    try {
      const summary = await this.api.call('exportProduction', {
        sheet: this.store.sheet,
        output,
        settings,
        ...(replace.length > 0 ? { replace } : {}),
      });
      if (this.store.project) this.store.project.exportSettings = settings;
      this.progress.value = 1;
      const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
      this.result.textContent = `Exported ${count(summary.chapters.length, 'chapter')} to ${summary.output}${
        summary.files.length > 1 ? ` (+ ${count(summary.files.length - 1, 'sidecar')})` : ''
      }`;
      this.result.dataset.output = summary.output;
      const reveal = this.dialog.querySelector<HTMLButtonElement>('[value="reveal"]')!;
      reveal.hidden = false;
      reveal.onclick = () => void this.api.call('revealInFolder', { path: summary.output });
      this.store.setStatus(`exported ${summary.output}`);
    } catch (error) {
      // The bar goes: a cancelled or failed export has no progress to show.
      this.progress.hidden = true;
      this.progress.value = 0;
      const message = (error as Error).message;
      this.result.textContent = /cancelled/.test(message)
        ? 'Export cancelled: no file was written.'
        : `Export failed: ${message}`;
      this.store.setStatus(this.result.textContent);
    } finally {
      this.running = false;
      this.dialog.querySelector<HTMLButtonElement>('[value="cancel"]')!.textContent = 'Close';
    }
  }

  private async cancelOrClose(): Promise<void> {
    if (this.running) await this.api.call('cancelExport');
    else this.dialog.close();
  }
}

function options(choices: Array<[string, string]>): string {
  return choices.map(([value, label]) => `<option value="${value}">${label}</option>`).join('');
}
