import { contextBridge, ipcRenderer } from 'electron';
import { type AppEvent, IPC_EVENT, IPC_INVOKE } from '../shared/ipc.ts';

// Sandboxed preload: exposes exactly two functions to the page (call the API, hear its events),
// never ipcRenderer itself. The bundler inlines the channel names (a sandboxed preload cannot import).

contextBridge.exposeInMainWorld('cuewrightBridge', {
  invoke: (method: string, payload: unknown) => ipcRenderer.invoke(IPC_INVOKE, method, payload),
  onEvent: (listener: (event: AppEvent) => void) => {
    ipcRenderer.on(IPC_EVENT, (_event, message: AppEvent) => listener(message));
  },
});
