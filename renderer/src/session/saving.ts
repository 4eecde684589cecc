import type { ApiArg } from '../../../src/shared/ipc.ts';
import { safeFileName } from '../../../src/shared/safe-file-name.ts';
import type { ApiClient } from '../api/api-client.ts';
import type { ProjectStore } from '../state/project-store.ts';

// Save and Save as: true when the project is now on disk, false when the user cancelled the file
// pick or the save failed (reported), so a "save changes?" question never goes on as if saved.

export function createSaving(
  api: ApiClient,
  store: ProjectStore,
  report: (error: unknown) => void,
  /** The recordings as edited (session/production-view.ts payload). */
  production?: () => ApiArg<'saveProject'>['production'],
) {
  async function saveTo(path: string): Promise<boolean> {
    try {
      const saved = await api.call('saveProject', {
        path,
        sheet: store.sheet,
        exportSettings: store.project!.exportSettings,
        ...(production ? { production: production() } : {}),
      });
      store.markSaved(saved.path);
      store.setStatus(`saved ${saved.path}`);
      return true;
    } catch (error) {
      report(error);
      return false;
    }
  }

  async function saveAs(): Promise<boolean> {
    const path = await api.call('pick', {
      purpose: 'save-project',
      suggestedName: safeFileName(store.sheet.title, 'cwproj', 'Untitled'),
    });
    return path ? saveTo(path) : false;
  }

  async function save(): Promise<boolean> {
    const path = store.project?.projectPath;
    return !path || store.project?.isSample ? saveAs() : saveTo(path);
  }

  return { save, saveAs };
}
