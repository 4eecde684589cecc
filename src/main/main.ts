import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, shell } from 'electron';
import { createHandlers } from '../app/handlers.ts';
import { PathGrants } from '../app/path-grants.ts';
import { IPC_EVENT, IPC_INVOKE } from '../shared/ipc.ts';
import { appMenuTemplate } from './app-menu.ts';
import { handleProtocols, registerSchemes } from './app-protocols.ts';
import { DialogPicker } from './dialog-picker.ts';
import { harden } from './harden.ts';
import { APP_ORIGIN, createIpcGate } from './ipc-gate.ts';
import { guardUnsavedWork } from './unsaved-guard.ts';

// The Electron shell, kept thin: one window on the built renderer, the shared handlers behind a
// gated IPC channel, system dialogs as the picker, the menu bar of the shared command table, and
// the question before unsaved work is closed away. Everything else lives in src/app and is tested
// without Electron.

const root = fileURLToPath(new URL('../../', import.meta.url));
const RENDERER_DIR = join(root, 'renderer', 'dist');
const PRELOAD = join(root, 'dist-electron', 'preload.cjs');

let window: BrowserWindow | undefined;

registerSchemes();
harden();

app.whenReady().then(() => {
  const handlers = createHandlers({
    dataDir: app.getPath('userData'),
    picker: new DialogPicker(() => window),
    grants: new PathGrants(),
    mediaUrl: (token) => `cuewright-media://audio/${token}`,
    emit: (event) => window?.webContents.send(IPC_EVENT, event),
    reveal: (path) => shell.showItemInFolder(path),
    reopenLast: true,
  });
  handleProtocols(RENDERER_DIR, handlers);
  const gate = createIpcGate(handlers);
  ipcMain.handle(IPC_INVOKE, (event, method: unknown, payload: unknown) =>
    gate(
      {
        frameUrl: event.senderFrame?.url,
        fromAppWindow:
          event.sender === window?.webContents && event.senderFrame === window?.webContents.mainFrame,
      },
      method,
      payload,
    ),
  );

  window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Cuewright',
    backgroundColor: '#0f172a',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click would open links in new windows; there are none to open.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(process.platform, (command) =>
        window?.webContents.send(IPC_EVENT, { type: 'command', command }),
      ),
    ),
  );
  guardUnsavedWork(window, dialog);
  window.on('closed', () => {
    window = undefined;
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
});

app.on('window-all-closed', () => app.quit());
