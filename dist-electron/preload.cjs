'use strict';

// src/preload/preload.ts
var import_electron = require('electron');

// src/shared/ipc.ts
var IPC_INVOKE = 'cuewright:invoke';
var IPC_EVENT = 'cuewright:event';

// src/preload/preload.ts
import_electron.contextBridge.exposeInMainWorld('cuewrightBridge', {
  invoke: (method, payload) => import_electron.ipcRenderer.invoke(IPC_INVOKE, method, payload),
  onEvent: (listener) => {
    import_electron.ipcRenderer.on(IPC_EVENT, (_event, message) => listener(message));
  },
  pathForFile: (file) => import_electron.webUtils.getPathForFile(file),
});
