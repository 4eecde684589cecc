import { fileNameOf } from '../../../src/shared/file-name-of.ts';
import type { ProjectStore } from '../state/project-store.ts';
import type { AppDialog } from '../views/app-dialog.ts';

// Every way out of a project with unsaved changes (new, open, another recovery) asks first:
// save, don't save (the changes and their autosave are thrown away), or cancel (nothing happens).
// Reload and window close go through the page's beforeunload (the browser or Electron asks).

export interface LeaveContext {
  store: ProjectStore;
  dialog: AppDialog;
  /** Saves (asking where if need be); false when the user cancelled or it failed. */
  save(): Promise<boolean>;
  /** Throws the changes away for good, autosave included. */
  discard(): Promise<void>;
}

export function projectName(store: ProjectStore): string {
  return (
    fileNameOf(store.project?.projectPath) ?? (store.project?.isSample ? 'Sample production' : 'Untitled')
  );
}

/** Whether the open project may be left for `doing` ("opening another project"). */
export async function mayLeave(ctx: LeaveContext, doing: string): Promise<boolean> {
  if (!ctx.store.hasProject || !ctx.store.dirty) return true;
  const answer = await ctx.dialog.ask(
    `Save changes to ${projectName(ctx.store)}?`,
    `There are changes that are not saved. If you don't save them before ${doing}, they are lost.`,
    [
      { value: 'discard', label: "Don't save", danger: true },
      { value: 'cancel', label: 'Cancel' },
      { value: 'save', label: 'Save', primary: true },
    ],
    'cancel',
  );
  if (answer === 'cancel') return false;
  if (answer === 'save') return ctx.save();
  await ctx.discard();
  return true;
}
