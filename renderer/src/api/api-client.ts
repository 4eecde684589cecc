import type { ApiArg, ApiName, ApiReply, ApiResult, AppEvent } from '../../../src/shared/ipc.ts';

// The renderer's only door to the back end. In Electron the preload script exposes `invoke` and
// `onEvent` on window.cuewrightBridge; as a plain page (tests, the dev host) the same calls go
// over HTTP and events arrive as server-sent events. Either way: one typed `call`.

export interface Bridge {
  invoke(method: string, payload: unknown): Promise<ApiReply>;
  onEvent(listener: (event: AppEvent) => void): void;
}

declare global {
  interface Window {
    cuewrightBridge?: Bridge;
  }
}

export class ApiError extends Error {
  override name = 'ApiError';
  readonly kind: string;

  constructor(kind: string, message: string) {
    super(message);
    this.kind = kind;
  }
}

export interface ApiClient {
  call<K extends ApiName>(
    method: K,
    ...arg: ApiArg<K> extends undefined ? [] : [ApiArg<K>]
  ): Promise<ApiResult<K>>;
  onEvent(listener: (event: AppEvent) => void): void;
}

export function connectApi(): ApiClient {
  const bridge = window.cuewrightBridge ?? httpBridge();
  return {
    async call(method, ...arg) {
      const reply = await bridge.invoke(method, arg[0] ?? {});
      if (!reply.ok) throw new ApiError(reply.error.name, reply.error.message);
      return reply.value as never;
    },
    onEvent: (listener) => bridge.onEvent(listener),
  };
}

function httpBridge(): Bridge {
  const token = document.querySelector<HTMLMetaElement>('meta[name="cuewright-token"]')?.content ?? '';
  const listeners = new Set<(event: AppEvent) => void>();
  const source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
  source.onmessage = (message) => {
    const event = JSON.parse(message.data) as AppEvent;
    for (const listener of listeners) listener(event);
  };
  return {
    async invoke(method, payload) {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Cuewright-Token': token },
        body: JSON.stringify(payload),
      });
      if (!response.ok)
        return { ok: false, error: { name: 'HttpError', message: `${method}: HTTP ${response.status}` } };
      return JSON.parse(await response.text(), (_key, value) =>
        value && typeof value === 'object' && typeof value.$bytes === 'string'
          ? base64Bytes(value.$bytes)
          : value,
      ) as ApiReply;
    },
    onEvent: (listener) => void listeners.add(listener),
  };
}

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
