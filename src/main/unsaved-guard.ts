import type { BrowserWindow, Dialog } from 'electron';

// Closing the window or quitting (the menu, Cmd+Q, the system) with unsaved changes: the page's
// beforeunload refuses, which Electron turns into 'will-prevent-unload' and silently keeps the
// window open. Here the user is asked; leaving anyway lets the close (and the quit) go on. The
// last autosave stays, and the app offers it back when it starts again.

export const KEEP_EDITING = 0;
export const LEAVE_WITHOUT_SAVING = 1;

export function guardUnsavedWork(
  window: Pick<BrowserWindow, 'webContents'>,
  dialog: Pick<Dialog, 'showMessageBoxSync'>,
): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window as BrowserWindow, {
      type: 'warning',
      title: 'Unsaved changes',
      message: 'There are changes that are not saved.',
      detail:
        'Keep editing to save them (File › Save). If you close now, they are not in the project; Cuewright offers the last autosave back when it starts again.',
      buttons: ['Keep editing', 'Close without saving'],
      defaultId: KEEP_EDITING,
      cancelId: KEEP_EDITING,
      noLink: true,
    });
    // preventDefault here overrides the page's refusal: the window closes.
    if (choice === LEAVE_WITHOUT_SAVING) event.preventDefault();
  });
}
