import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/paths.ts';

// The packaged app's Electron binary has its fuses flipped (Electron's security checklist): no
// ELECTRON_RUN_AS_NODE, NODE_OPTIONS or --inspect to turn the signed app into a Node shell, and
// code only from an integrity-checked app.asar. electron-builder flips them from this config.

// js-yaml is what electron-builder reads its config with: the same reader, no second parser.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

describe('electron fuses', () => {
  it('are set in electron-builder.yml as the security checklist says', () => {
    const config = yaml.load(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')) as {
      electronFuses?: Record<string, boolean>;
    };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
