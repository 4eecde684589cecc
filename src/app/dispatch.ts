import { EditError } from '../../cues/edit/edit-error.ts';
import { InputError } from '../../cues/input-error.ts';
import type { ApiReply } from '../shared/ipc.ts';
import { API_SCHEMAS, type ApiMethod } from './api-schemas.ts';
import type { Handlers } from './handlers.ts';
import { AccessError } from './path-grants.ts';

export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
}

/**
 * The one entry point for renderer calls, from IPC or HTTP: a known method, a payload that
 * passes its schema, then the handler. Expected failures come back as messages for the user;
 * anything else is logged here and reported without internals.
 */
export async function dispatch(handlers: Handlers, method: unknown, payload: unknown): Promise<ApiReply> {
  try {
    if (typeof method !== 'string' || !Object.hasOwn(API_SCHEMAS, method)) {
      throw new ApiRequestError(`unknown method ${JSON.stringify(String(method)).slice(0, 80)}`);
    }
    const parsed = API_SCHEMAS[method as ApiMethod].safeParse(payload ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiRequestError(
        `bad payload for ${method}: ${issue.path.join('.') || 'payload'}: ${issue.message}`,
      );
    }
    const handler = handlers[method as ApiMethod] as (arg: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (
      error instanceof InputError ||
      error instanceof EditError ||
      error instanceof AccessError ||
      error instanceof ApiRequestError
    ) {
      return { ok: false, error: { name: error.name, message: error.message } };
    }
    console.error(`cuewright: ${String(method)} failed:`, error);
    return {
      ok: false,
      error: { name: 'InternalError', message: `${String(method)} failed unexpectedly; see the log` },
    };
  }
}
