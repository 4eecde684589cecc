import { type BrowserWindow, dialog, type FileFilter } from 'electron';
import type { Picker, PickRequest } from '../app/picker.ts';

const FILTERS: Record<PickRequest['purpose'], FileFilter[]> = {
  script: [{ name: 'Scripts', extensions: ['txt', 'md', 'fountain', 'spmd', 'text'] }],
  audio: [{ name: 'Audio', extensions: ['wav', 'mp3', 'flac', 'ogg', 'opus', 'm4a', 'm4b', 'aac'] }],
  project: [{ name: 'Cuewright projects', extensions: ['cwproj'] }],
  'save-project': [{ name: 'Cuewright projects', extensions: ['cwproj'] }],
  export: [{ name: 'Audio', extensions: ['mp3', 'm4b', 'opus', 'flac', 'wav'] }],
  cover: [{ name: 'Cover art', extensions: ['jpg', 'jpeg', 'png'] }],
  'stems-folder': [],
  chapters: [
    {
      name: 'Chapters',
      extensions: [
        'cue',
        'ffmeta',
        'ffmetadata',
        'txt',
        'vtt',
        'json',
        'mp3',
        'm4b',
        'm4a',
        'flac',
        'ogg',
        'opus',
        'wav',
      ],
    },
  ],
};

const TITLES: Record<PickRequest['purpose'], string> = {
  script: 'Choose the script',
  audio: 'Choose the narration recording',
  project: 'Open a project',
  'save-project': 'Save the project',
  export: 'Export the production',
  cover: 'Choose the cover art (JPEG or PNG)',
  'stems-folder': 'Choose the folder for the stems (a WAV per lane)',
  chapters: 'Import chapters (CUE, ffmetadata, Audacity labels, WebVTT, JSON, or an audio file)',
};

/** The system's file dialogs: the only way a path becomes something the renderer may use. */
export class DialogPicker implements Picker {
  private readonly window: () => BrowserWindow | undefined;

  constructor(window: () => BrowserWindow | undefined) {
    this.window = window;
  }

  async pick(request: PickRequest): Promise<string | undefined> {
    const parent = this.window();
    const options = { title: TITLES[request.purpose], filters: FILTERS[request.purpose] };
    if (request.purpose === 'save-project' || request.purpose === 'export') {
      const saveOptions = {
        ...options,
        ...(request.suggestedName ? { defaultPath: request.suggestedName } : {}),
      };
      const result = parent
        ? await dialog.showSaveDialog(parent, saveOptions)
        : await dialog.showSaveDialog(saveOptions);
      return result.canceled ? undefined : result.filePath;
    }
    if (request.purpose === 'stems-folder') {
      const folderOptions = {
        title: options.title,
        properties: ['openDirectory' as const, 'createDirectory' as const],
      };
      const result = parent
        ? await dialog.showOpenDialog(parent, folderOptions)
        : await dialog.showOpenDialog(folderOptions);
      return result.canceled ? undefined : result.filePaths[0];
    }
    // A dropped file is suggested by its path: the dialog opens on it, one click to confirm.
    const openOptions = {
      ...options,
      properties: ['openFile' as const],
      ...(request.suggestedName ? { defaultPath: request.suggestedName } : {}),
    };
    const result = parent
      ? await dialog.showOpenDialog(parent, openOptions)
      : await dialog.showOpenDialog(openOptions);
    return result.canceled ? undefined : result.filePaths[0];
  }

  async pickMany(request: PickRequest): Promise<string[]> {
    const parent = this.window();
    const options = {
      title: TITLES[request.purpose],
      filters: FILTERS[request.purpose],
      properties: ['openFile' as const, 'multiSelections' as const],
    };
    const result = parent
      ? await dialog.showOpenDialog(parent, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  }
}
