import { addBed } from '../../../cues/edit/bed-edits.ts';
import { importChapters } from '../../../cues/edit/import-chapters.ts';
import { counted } from '../../../cues/text/counted.ts';
import type { PickPurpose } from '../../../src/app/picker.ts';
import type { ProjectView } from '../../../src/shared/ipc.ts';
import type { ApiClient } from '../api/api-client.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { planDrop } from './drop-plan.ts';

// Files dropped onto the window: a project opens, a script (with its recording) starts a project,
// chapter files are imported, a recording alone becomes a music bed at the playhead (drop-plan.ts).
//
// The page may only use files the user named through the picker (src/app/path-grants.ts), and a
// dropped File carries no path a page could be trusted with. So each dropped file is named through
// the picker, with the file suggested: in the desktop app the preload reads its real path
// (Electron's webUtils.getPathForFile) and the system dialog opens on it, one click to confirm;
// in the browser host (tests, `cuewright serve`) the page only knows the name, which the host's
// picker is given (the terminal picker offers it, tests answer for the user).

export interface DropContext {
  api: ApiClient;
  store: ProjectStore;
  /** Asks to save unsaved changes first; false when the user cancelled. */
  mayLeave(doing: string): Promise<boolean>;
  openView(view: ProjectView, options?: { offerAlignment?: boolean }): Promise<void>;
  /** Where a dropped bed starts (seconds). */
  playhead(): number;
  report(error: unknown): void;
}

/** Takes file drops anywhere on `target`; the body shows it is a drop target while files hover. */
export function bindFileDrop(target: HTMLElement, ctx: DropContext): void {
  const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  target.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer!.dropEffect = 'copy';
    document.body.classList.add('drop-target');
  });
  target.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) document.body.classList.remove('drop-target');
  });
  target.addEventListener('drop', (event) => {
    document.body.classList.remove('drop-target');
    if (!hasFiles(event)) return;
    event.preventDefault();
    const files = [...(event.dataTransfer?.files ?? [])];
    void openDropped(files, ctx).catch(ctx.report);
  });
}

/** Does what dropping `files` means (planDrop); every file is named through the picker first. */
export async function openDropped(files: File[], ctx: DropContext): Promise<void> {
  const { api, store } = ctx;
  const plan = planDrop(
    files.map((f) => f.name),
    store.hasProject,
  );
  const name = async (file: File | undefined, purpose: PickPurpose) => {
    const path = file ? window.cuewrightBridge?.pathForFile?.(file) : undefined;
    const suggested = path && path.length <= 255 ? path : file?.name;
    return api.call('pick', { purpose, ...(suggested ? { suggestedName: suggested } : {}) });
  };
  switch (plan.action) {
    case 'refuse':
      return store.refuse(`not opened: ${plan.reason}`);
    case 'open-project': {
      if (!(await ctx.mayLeave('opening the dropped project'))) return;
      const path = await name(files[plan.project], 'project');
      if (path) await ctx.openView(await api.call('openProject', { path }));
      return;
    }
    case 'new-project': {
      if (!(await ctx.mayLeave('starting a project from the dropped script'))) return;
      const scriptPath = await name(files[plan.script], 'script');
      const audioPath = scriptPath
        ? await name(plan.audio === undefined ? undefined : files[plan.audio], 'audio')
        : null;
      if (scriptPath && audioPath)
        await ctx.openView(await api.call('newProject', { scriptPath, audioPath }), { offerAlignment: true });
      return;
    }
    case 'import-chapters': {
      const path = await name(files[plan.chapters], 'chapters');
      if (!path) return;
      const { chapters, warnings } = await api.call('readChapters', { path });
      const done = store.edit(`import ${counted(chapters.length, 'chapter')}`, (s) =>
        importChapters(s, chapters),
      );
      if (done && warnings.length > 0)
        store.setStatus(`imported ${counted(chapters.length, 'chapter')}; ${warnings.join('; ')}`);
      return;
    }
    case 'add-bed': {
      const path = await name(files[plan.audio], 'audio');
      if (!path) return;
      const at = ctx.playhead();
      // Checked first: a file that is not audio adds no band and no undo step.
      await api.call('audioInfo', { path });
      store.edit('add music bed', (s) => addBed(s, path, at));
      return;
    }
  }
}
