import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../../src/shared/commands.ts';
import { IPC_EVENT } from '../../src/shared/ipc.ts';
import { tempDir } from '../support/signals.ts';

// The Electron main process without the Electron binary (it cannot be downloaded here): main.ts
// is loaded as it is, against a fake `electron` that records what it is asked to do. Checked: the
// menu bar (File, Edit, View, Transport, Cue, Help with every command and its shortcut, each item
// sending its command to the page), and the question before unsaved work is closed away (window
// close and quit both arrive as 'will-prevent-unload' when the page refuses to unload).

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
  }
  const state = {
    windows: [] as Array<{ options: unknown; webContents: Emitter & { sent: unknown[][] }; loaded?: string }>,
    menu: undefined as unknown,
    dialogAnswers: [] as number[],
    dialogAsked: [] as unknown[][],
    dataDir: '',
    quit: 0,
  };
  const app = Object.assign(new Emitter(), {
    whenReady: () => Promise.resolve(),
    getPath: () => state.dataDir,
    quit: () => {
      state.quit++;
    },
  });
  class BrowserWindow extends Emitter {
    webContents = Object.assign(new Emitter(), {
      sent: [] as unknown[][],
      send(...args: unknown[]) {
        this.sent.push(args);
      },
      mainFrame: {},
    });
    options: unknown;
    constructor(options: unknown) {
      super();
      this.options = options;
      state.windows.push(this as never);
    }
    loadURL(url: string) {
      (this as unknown as { loaded: string }).loaded = url;
      return Promise.resolve();
    }
  }
  const electron = {
    app,
    BrowserWindow,
    ipcMain: { handle: () => undefined },
    shell: { showItemInFolder: () => undefined },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: unknown) => {
        state.menu = menu;
      },
    },
    dialog: {
      showMessageBoxSync: (...args: unknown[]) => {
        state.dialogAsked.push(args);
        return state.dialogAnswers.shift() ?? 0;
      },
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
      showSaveDialog: () => Promise.resolve({ canceled: true }),
    },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
      },
    },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

interface Item {
  id?: string;
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: Item[];
}

describe('the Electron main process (fake electron)', () => {
  let menus: Item[] = [];
  const window = () => fake.state.windows[0]!;

  beforeAll(async () => {
    fake.state.dataDir = tempDir('electron-main');
    await import('../../src/main/main.ts');
    await vi.waitFor(() => expect(fake.state.menu).toBeDefined());
    menus = (fake.state.menu as { template: Item[] }).template;
  });

  afterAll(() => {
    vi.doUnmock('electron');
  });

  it('opens one window on the app page, with a menu bar File, Edit, View, Transport, Cue, Help', () => {
    expect(fake.state.windows).toHaveLength(1);
    expect(window().loaded).toBe('app://cuewright/index.html');
    const expected = process.platform === 'darwin' ? ['Cuewright'] : [];
    expect(menus.map((m) => m.label)).toEqual([
      ...expected,
      'File',
      'Edit',
      'View',
      'Transport',
      'Cue',
      'Help',
    ]);
  });

  it('has every command once, with its shortcut shown (the page decides when a key is one)', () => {
    const items = menus.flatMap((m) => m.submenu ?? []).filter((i) => i.id);
    expect(items.map((i) => i.id).sort()).toEqual(COMMANDS.map((c) => c.id).sort());
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get('new')).toMatchObject({ label: 'New project…', accelerator: 'CmdOrCtrl+N' });
    expect(byId.get('save-as')!.accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(byId.get('play')!.accelerator).toBe('Space');
    expect(byId.get('nudge-end-left-coarse')!.accelerator).toBe('Alt+Shift+Left');
    expect(byId.get('zoom-in')!.accelerator).toBe('=');
    expect(byId.get('split')!.accelerator).toBe('S');
    for (const item of items.filter((i) => i.accelerator)) expect(item.registerAccelerator).toBe(false);
    const edit = menus.find((m) => m.label === 'Edit')!.submenu!;
    expect(edit.map((i) => i.role ?? i.id).filter(Boolean)).toEqual([
      'undo',
      'redo',
      'select-all',
      'find',
      'find-next',
      'find-prev',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
  });

  it('a menu item sends its command to the page', () => {
    const cue = menus.find((m) => m.label === 'Cue')!.submenu!;
    cue.find((i) => i.id === 'chapter')!.click!();
    menus.find((m) => m.label === 'File')!.submenu!.find((i) => i.id === 'relink')!.click!();
    expect(window().webContents.sent).toEqual([
      [IPC_EVENT, { type: 'command', command: 'chapter' }],
      [IPC_EVENT, { type: 'command', command: 'relink' }],
    ]);
  });

  it('asks before unsaved work is closed away: Keep editing keeps the window, the other choice closes it', () => {
    const attempt = () => {
      const event = { preventDefault: vi.fn() };
      window().webContents.emit('will-prevent-unload', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    fake.state.dialogAnswers.push(0);
    expect(attempt()).toBe(false);
    fake.state.dialogAnswers.push(1);
    expect(attempt()).toBe(true);
    expect(fake.state.dialogAsked).toHaveLength(2);
    const [parent, options] = fake.state.dialogAsked[0] as [unknown, { buttons: string[]; cancelId: number }];
    expect(parent).toBe(window());
    expect(options.buttons).toEqual(['Keep editing', 'Close without saving']);
    expect(options.cancelId).toBe(0);
  });

  it('quits when the window is gone (quitting closes the window first, which the guard asks about)', () => {
    fake.electron.app.emit('window-all-closed');
    expect(fake.state.quit).toBe(1);
  });
});
