// Every command of the app, once, with its menu and its keys: the renderer's toolbar, keyboard and
// tooltips and the desktop app's menu bar all come from this table, so a shortcut shown anywhere
// is a shortcut that works. What each command does lives in renderer/src/app-actions.ts.

export type MenuName = 'File' | 'Edit' | 'View' | 'Transport' | 'Cue' | 'Help';
/** The top bar's groups; Transport and View commands sit in the transport bar instead. */
export type ToolbarGroup = 'File' | 'Edit' | 'Cue' | 'Review';

export interface CommandInfo {
  id: string;
  label: string;
  /** Keys as `Ctrl+Shift+Z` (Ctrl means Cmd on macOS), matched against KeyboardEvent.key / code. */
  keys: string[];
  menu: MenuName;
  /** Shown in the toolbar (others are keyboard or menu only). */
  toolbar?: boolean;
  /** The top bar's group when it is not the menu's name (Review gathers the review commands). */
  group?: ToolbarGroup;
  /** Starts a group in its menu. */
  separatorBefore?: boolean;
}

export const COMMANDS = [
  { id: 'new', label: 'New project…', keys: ['Ctrl+N'], menu: 'File', toolbar: true },
  { id: 'open', label: 'Open…', keys: ['Ctrl+O'], menu: 'File', toolbar: true },
  { id: 'open-recent', label: 'Open recent…', keys: ['Ctrl+Shift+O'], menu: 'File' },
  { id: 'save', label: 'Save', keys: ['Ctrl+S'], menu: 'File', toolbar: true, separatorBefore: true },
  { id: 'save-as', label: 'Save as…', keys: ['Ctrl+Shift+S'], menu: 'File' },
  { id: 'relink', label: 'Relink audio…', keys: [], menu: 'File', separatorBefore: true },
  { id: 'import-chapters', label: 'Import chapters…', keys: [], menu: 'File' },
  { id: 'add-recordings', label: 'Add recordings…', keys: [], menu: 'File' },
  { id: 'export', label: 'Export…', keys: ['Ctrl+E'], menu: 'File', toolbar: true },
  { id: 'undo', label: 'Undo', keys: ['Ctrl+Z'], menu: 'Edit', toolbar: true },
  { id: 'redo', label: 'Redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], menu: 'Edit', toolbar: true },
  { id: 'select-all', label: 'Select all cues', keys: ['Ctrl+A'], menu: 'Edit', separatorBefore: true },
  { id: 'find', label: 'Find in script…', keys: ['Ctrl+F'], menu: 'Edit', separatorBefore: true },
  { id: 'find-next', label: 'Find next', keys: ['F3'], menu: 'Edit' },
  { id: 'find-prev', label: 'Find previous', keys: ['Shift+F3'], menu: 'Edit' },
  { id: 'play', label: 'Play / pause', keys: ['Space'], menu: 'Transport', toolbar: true },
  { id: 'play-cue', label: 'Play cue', keys: ['Enter'], menu: 'Transport', toolbar: true },
  { id: 'loop-cue', label: 'Loop cue', keys: ['Shift+L'], menu: 'Transport', toolbar: true },
  { id: 'stop', label: 'Stop', keys: [], menu: 'Transport', toolbar: true },
  {
    id: 'shuttle-back',
    label: 'Shuttle back (steps back)',
    keys: ['J'],
    menu: 'Transport',
    separatorBefore: true,
  },
  { id: 'shuttle-stop', label: 'Shuttle stop', keys: ['K'], menu: 'Transport' },
  { id: 'shuttle-forward', label: 'Shuttle forward (faster each press)', keys: ['L'], menu: 'Transport' },
  { id: 'go-start', label: 'Go to start', keys: ['Home'], menu: 'Transport', separatorBefore: true },
  { id: 'go-end', label: 'Go to end', keys: ['End'], menu: 'Transport' },
  { id: 'go-to', label: 'Go to time or cue…', keys: ['Ctrl+G'], menu: 'Transport' },
  { id: 'prev-cue', label: 'Previous cue', keys: ['ArrowUp'], menu: 'Transport', separatorBefore: true },
  { id: 'next-cue', label: 'Next cue', keys: ['ArrowDown'], menu: 'Transport' },
  { id: 'nudge-start-left', label: 'Start earlier 10 ms', keys: ['ArrowLeft'], menu: 'Cue' },
  { id: 'nudge-start-right', label: 'Start later 10 ms', keys: ['ArrowRight'], menu: 'Cue' },
  { id: 'nudge-start-left-coarse', label: 'Start earlier 100 ms', keys: ['Shift+ArrowLeft'], menu: 'Cue' },
  { id: 'nudge-start-right-coarse', label: 'Start later 100 ms', keys: ['Shift+ArrowRight'], menu: 'Cue' },
  { id: 'nudge-end-left', label: 'End earlier 10 ms', keys: ['Alt+ArrowLeft'], menu: 'Cue' },
  { id: 'nudge-end-right', label: 'End later 10 ms', keys: ['Alt+ArrowRight'], menu: 'Cue' },
  { id: 'nudge-end-left-coarse', label: 'End earlier 100 ms', keys: ['Alt+Shift+ArrowLeft'], menu: 'Cue' },
  { id: 'nudge-end-right-coarse', label: 'End later 100 ms', keys: ['Alt+Shift+ArrowRight'], menu: 'Cue' },
  { id: 'split', label: 'Split at playhead', keys: ['S'], menu: 'Cue', toolbar: true, separatorBefore: true },
  { id: 'merge', label: 'Merge with next', keys: ['M'], menu: 'Cue', toolbar: true },
  { id: 'snap', label: 'Snap to pauses', keys: ['P'], menu: 'Cue', toolbar: true },
  { id: 'chapter', label: 'Chapter here…', keys: ['C'], menu: 'Cue', toolbar: true, separatorBefore: true },
  { id: 'remove-chapter', label: 'Remove chapter marker', keys: ['Shift+C'], menu: 'Cue' },
  { id: 'sung', label: 'Mark as sung', keys: ['G'], menu: 'Cue', toolbar: true },
  { id: 'remove-selected', label: 'Unmark sung passage / remove bed', keys: ['Delete'], menu: 'Cue' },
  { id: 'bed', label: 'Add music bed…', keys: ['B'], menu: 'Cue', toolbar: true },
  { id: 'cue-sound', label: 'Pick sound for this cue…', keys: ['Shift+B'], menu: 'Cue' },
  { id: 'not-recorded', label: 'Mark as not recorded', keys: ['X'], menu: 'Cue' },
  { id: 'next-take', label: 'Next take of the line', keys: ['T'], menu: 'Cue', separatorBefore: true },
  { id: 'prev-take', label: 'Previous take of the line', keys: ['Shift+T'], menu: 'Cue' },
  {
    id: 'review',
    label: 'Next to review',
    keys: ['R'],
    menu: 'Cue',
    toolbar: true,
    group: 'Review',
    separatorBefore: true,
  },
  { id: 'confirm', label: 'Confirm cue', keys: ['Y'], menu: 'Cue', toolbar: true, group: 'Review' },
  { id: 'confirm-next', label: 'Confirm and next', keys: ['N'], menu: 'Cue' },
  {
    id: 'align-range',
    label: 'Re-align selection',
    keys: ['A'],
    menu: 'Cue',
    toolbar: true,
    group: 'Review',
  },
  { id: 'align-all', label: 'Align all', keys: ['Ctrl+Shift+A'], menu: 'Cue' },
  { id: 'align-recordings', label: 'Align across recordings', keys: [], menu: 'Cue' },
  { id: 'pickup', label: 'Replace with pickup…', keys: [], menu: 'Cue' },
  { id: 'zoom-in', label: 'Zoom in', keys: ['=', '+', 'Shift++'], menu: 'View', toolbar: true },
  { id: 'zoom-out', label: 'Zoom out', keys: ['-'], menu: 'View', toolbar: true },
  { id: 'zoom-selection', label: 'Zoom to selection', keys: ['Z'], menu: 'View', toolbar: true },
  { id: 'zoom-fit', label: 'Zoom to fit', keys: ['Shift+Z'], menu: 'View', toolbar: true },
  { id: 'amplitude-in', label: 'Amplitude up', keys: [']'], menu: 'View' },
  { id: 'amplitude-out', label: 'Amplitude down', keys: ['['], menu: 'View' },
  { id: 'next-panel', label: 'Next panel', keys: ['F6'], menu: 'View', separatorBefore: true },
  { id: 'prev-panel', label: 'Previous panel', keys: ['Shift+F6'], menu: 'View' },
  // ? is Shift+/ on US layouts (a key of its own on others): both open the sheet.
  { id: 'shortcuts', label: 'Keyboard shortcuts', keys: ['F1', '?', 'Shift+?'], menu: 'Help' },
] as const satisfies readonly CommandInfo[];

export type CommandId = (typeof COMMANDS)[number]['id'];

/** The keys of a command as a desktop menu shows them (Electron's accelerator syntax). */
export function accelerator(key: string): string {
  // "+" is both a key and the separator: "Shift++" is Shift and +.
  const parts = key.endsWith('+') ? [...key.slice(0, -1).split('+').filter(Boolean), '+'] : key.split('+');
  const names: Record<string, string> = {
    Ctrl: 'CmdOrCtrl',
    ArrowLeft: 'Left',
    ArrowRight: 'Right',
    ArrowUp: 'Up',
    ArrowDown: 'Down',
    Enter: 'Return',
    '+': 'Plus',
  };
  return parts.map((p) => names[p] ?? p).join('+');
}
