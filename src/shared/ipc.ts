// Types and channel names shared by the main process, the preload script, the test host and the renderer.
import type { Handlers } from '../app/handlers.ts';

export type { AppEvent, TaskName } from './app-events.ts';
export type { ExportSummary, PeaksData, ProjectView } from './project-view.ts';

/** What the renderer may call: the handler object minus the media route's private lookup. */
export type MainApi = Omit<Handlers, 'mediaFile'>;
export type ApiName = keyof MainApi;
export type ApiArg<K extends ApiName> = Parameters<MainApi[K]>[0];
export type ApiResult<K extends ApiName> = Awaited<ReturnType<MainApi[K]>>;

export type ApiReply = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };

/** The IPC channel names (one invoke channel, one event channel). */
export const IPC_INVOKE = 'cuewright:invoke';
export const IPC_EVENT = 'cuewright:event';
