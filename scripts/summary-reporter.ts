import type { Reporter, TestModule, Vitest } from 'vitest/node';

/**
 * Ends the run with one plain line, `N passed, N failed, N skipped`, that CI logs can be read by.
 * Counted at the end of the run, printed once every reporter has finished (the default one prints
 * its summary in `onFinished`).
 */
export default class SummaryReporter implements Reporter {
  private vitest: Vitest | undefined;
  private summary = '';

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    this.summary = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
  }

  onFinished(): void {
    if (this.summary) this.vitest?.logger.log(`\n${this.summary}`);
  }
}
