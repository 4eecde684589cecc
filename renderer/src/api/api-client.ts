import type { ApiArg, ApiName, ApiReply, ApiResult, AppEvent } from '../../../src/shared/ipc.ts';
import { PICKING_CALLS, whilePicking } from './pick-waiting.ts';

/** Content type of replies that carry bytes (src/host/reply-envelope.ts). */
const REPLY_WITH_BYTES = 'application/x-cuewright-reply';

// The renderer's only door to the back end. In Electron the preload script exposes `invoke` and
// `onEvent` on window.cuewrightBridge; as a plain page (tests, the dev host) the same calls go
// over HTTP and events arrive as server-sent events. Either way: one typed `call`.

export interface Bridge {
  invoke(method: string, payload: unknown): Promise<ApiReply>;
  onEvent(listener: (event: AppEvent) => void): void;
  /** The real path of a dropped file (the desktop app's preload only; the browser host has none). */
  pathForFile?(file: File): string;
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
  // The desktop app's pickers are its own windows; the browser host's wait in its terminal.
  const sayWhilePicking = !window.cuewrightBridge;
  return {
    async call(method, ...arg) {
      const asked = bridge.invoke(method, arg[0] ?? {});
      const reply = await (sayWhilePicking && PICKING_CALLS.has(method) ? whilePicking(asked) : asked);
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
      const body = JSON.stringify(payload);
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Cuewright-Token': token },
        body,
        // The autosave sent as the page unloads (a reload, a closed tab) outlives the page;
        // browsers take keepalive bodies up to 64 kB.
        keepalive: body.length < 60_000,
      });
      if (!response.ok) {
        // The host names some refusals (a request too large to be a project): show its words.
        const named =
          response.headers.get('Content-Type') === 'application/json'
            ? ((await response.json().catch(() => undefined)) as ApiReply | undefined)
            : undefined;
        if (named && !named.ok) return named;
        return { ok: false, error: { name: 'HttpError', message: `${method}: HTTP ${response.status}` } };
      }
      if (response.headers.get('Content-Type') !== REPLY_WITH_BYTES)
        return (await response.json()) as ApiReply;
      return decodeReply(await response.arrayBuffer());
    },
    onEvent: (listener) => void listeners.add(listener),
  };
}

/** The host's envelope for replies with bytes (src/host/reply-envelope.ts): JSON, then the bytes. */
function decodeReply(buffer: ArrayBuffer): ApiReply {
  const length = new DataView(buffer).getUint32(0, true);
  const base = 4 + length;
  const text = new TextDecoder().decode(new Uint8Array(buffer, 4, length));
  return JSON.parse(text, (_key, value) => {
    const ref = value?.$bytes;
    // A copy, so typed views over it start aligned.
    return Array.isArray(ref) ? new Uint8Array(buffer.slice(base + ref[0], base + ref[0] + ref[1])) : value;
  }) as ApiReply;
}
