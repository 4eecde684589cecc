import { join } from 'node:path';
import { type AppDeps, createHandlers } from '../../src/app/handlers.ts';
import { PathGrants } from '../../src/app/path-grants.ts';
import { ScriptedPicker } from '../../src/app/picker.ts';

/**
 * The app's back end as the page talks to it, with a picker the test answers for the user
 * (push paths onto `picker.answers`) and the app's data folder under `dir`.
 */
export function appHandlers(dir: string, extra: Partial<AppDeps> = {}) {
  const picker = new ScriptedPicker();
  const handlers = createHandlers({
    dataDir: join(dir, 'data'),
    picker,
    grants: new PathGrants(),
    mediaUrl: (token) => `/media/${token}`,
    emit: () => {},
    ...extra,
  });
  return { handlers, picker };
}
