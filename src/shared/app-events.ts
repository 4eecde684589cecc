// Push events from the back end to the renderer (IPC in the app, server-sent events in the host).
export type TaskName = 'sample' | 'open' | 'align' | 'export' | 'analyze';

export type AppEvent =
  | { type: 'progress'; task: TaskName; phase: string; fraction: number }
  | { type: 'task-done'; task: TaskName }
  | { type: 'exported'; output: string; files: string[] }
  /** A command chosen in the desktop app's menu (an id of src/shared/commands.ts). */
  | { type: 'command'; command: string };
