import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { type AppEvent, IPC_EVENT, IPC_INVOKE } from '../shared/ipc.ts';

// Sandboxed preload: exposes exactly three functions to the page (call the API, hear its events,
// read a dropped file's path), never ipcRenderer itself. A path read here grants nothing: the page
// still names the file through the picker (renderer/src/files/file-drop.ts). The bundler inlines
// the channel names (a sandboxed preload cannot import).

contextBridge.exposeInMainWorld('cuewrightBridge', {
  invoke: (method: string, payload: unknown) => ipcRenderer.invoke(IPC_INVOKE, method, payload),
  onEvent: (listener: (event: AppEvent) => void) => {
    ipcRenderer.on(IPC_EVENT, (_event, message: AppEvent) => listener(message));
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
});
