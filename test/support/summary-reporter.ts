/**
 * Prints one closing line per project and one for the whole run: "N passed, N failed" (with
 * skipped), the plain form CI reads.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const byProject = new Map<string, { passed: number; failed: number; skipped: number }>();
    for (const module of testModules) {
      const name = module.project.name || 'default';
      const tally = byProject.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') tally.passed++;
        else if (state === 'failed') tally.failed++;
        else tally.skipped++;
      }
      // A file that failed to load counts as a failure even when it reported no tests.
      if (module.state() === 'failed' && ![...module.children.allTests()].some((t) => t.result().state === 'failed')) {
        tally.failed++;
      }
      byProject.set(name, tally);
    }
    const total = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
    console.log('');
    for (const [name, t] of [...byProject].sort()) {
      console.log(`${name}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
      total.passed += t.passed;
      total.failed += t.failed;
      total.skipped += t.skipped;
    }
    console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  }
}
