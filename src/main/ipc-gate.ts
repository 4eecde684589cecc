import { dispatch } from '../app/dispatch.ts';
import type { Handlers } from '../app/handlers.ts';
import type { ApiReply } from '../shared/ipc.ts';

// The main process's side of IPC, kept free of Electron so it is tested as is: a call is served
// only when it comes from the app's own page in the app's own window; then `dispatch` checks the
// method and the payload.

export const APP_ORIGIN = 'app://cuewright';

export interface IpcSender {
  /** URL of the frame that sent the message (event.senderFrame.url). */
  frameUrl: string | undefined;
  /** Whether the message came from the app window's main frame (not an iframe, not another window). */
  fromAppWindow: boolean;
}

/** Whether a URL is a page of the app (compared by scheme and host: Node's URL gives custom schemes a "null" origin). */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'cuewright';
  } catch {
    return false;
  }
}

export function isTrustedSender(sender: IpcSender): boolean {
  return sender.fromAppWindow && isAppUrl(sender.frameUrl);
}

export function createIpcGate(handlers: Handlers) {
  return async (sender: IpcSender, method: unknown, payload: unknown): Promise<ApiReply> => {
    if (!isTrustedSender(sender)) {
      return {
        ok: false,
        error: { name: 'ApiRequestError', message: 'calls are only taken from the app window' },
      };
    }
    return dispatch(handlers, method, payload);
  };
}
