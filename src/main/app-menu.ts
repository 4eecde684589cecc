import type { MenuItemConstructorOptions } from 'electron';
import { accelerator, COMMANDS, type MenuName } from '../shared/commands.ts';

// The desktop menu bar (File, Edit, View, Transport, Cue, Help), built from the same command table
// as the toolbar and the keys (src/shared/commands.ts): a menu item sends its command's id to the
// page, which runs it as the key would. Shortcuts are shown but not registered with the system:
// the page decides whether a key is a shortcut (Space in a text field is a space).

const MENUS: MenuName[] = ['File', 'Edit', 'View', 'Transport', 'Cue', 'Help'];

export function appMenuTemplate(
  platform: NodeJS.Platform,
  run: (command: string) => void,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const commands = (menu: MenuName): MenuItemConstructorOptions[] =>
    COMMANDS.filter((c) => c.menu === menu).flatMap((command) => [
      ...('separatorBefore' in command && command.separatorBefore ? [{ type: 'separator' as const }] : []),
      {
        id: command.id,
        label: command.label,
        ...(command.keys[0] ? { accelerator: accelerator(command.keys[0]), registerAccelerator: false } : {}),
        click: () => run(command.id),
      },
    ]);
  // What the system does for text fields and the window, beside the app's own commands.
  const extras: Record<MenuName, MenuItemConstructorOptions[]> = {
    File: mac ? [] : [{ type: 'separator' }, { role: 'quit', label: 'Quit' }],
    Edit: [
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      // Ctrl+A is the page's (Select all cues; a focused text field keeps it for its text), so
      // the system item is not bound to it except on macOS, where fields need the menu for it.
      { role: 'selectAll', label: 'Select all text', ...(mac ? {} : { registerAccelerator: false }) },
    ],
    View: [{ type: 'separator' }, { role: 'togglefullscreen' }],
    Transport: [],
    Cue: [],
    Help: mac ? [] : [{ type: 'separator' }, { role: 'about', label: 'About Cuewright' }],
  };
  const menus: MenuItemConstructorOptions[] = MENUS.map((name) => ({
    label: name,
    submenu: [...commands(name), ...extras[name]],
  }));
  // macOS puts About and Quit in the menu named after the app.
  if (mac)
    menus.unshift({
      label: 'Cuewright',
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'quit' }],
    });
  return menus;
}
