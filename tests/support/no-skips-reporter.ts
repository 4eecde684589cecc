import type { Reporter, TestModule } from 'vitest/node';

// On CI every reader a core test needs (ffmpeg, ffprobe, festival, the shared data) is installed,
// so a skipped core test is a check that silently did not run: the run fails and names it. Off
// CI a test whose tool is missing may skip, and its name says why.
export default class NoSkipsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (!process.env.CI) return;
    const skipped: string[] = [];
    for (const module of testModules) {
      if (module.project.name !== 'core') continue;
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'skipped')
          skipped.push(`${module.moduleId} > ${test.fullName}${result.note ? ` (${result.note})` : ''}`);
      }
    }
    if (skipped.length === 0) return;
    console.error(
      `\n${skipped.length} core test(s) skipped on CI, where nothing may be:\n  ${skipped.join('\n  ')}\n`,
    );
    process.exitCode = 1;
  }
}
