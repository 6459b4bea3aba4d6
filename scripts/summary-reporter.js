// Prints one plain closing line, "tests: N passed, N failed[, N skipped]", after each Vitest run,
// so that CI (and a person scrolling back) reads the outcome without parsing Vitest's layout.
export default class SummaryReporter {
	/** @param {ReadonlyArray<import('vitest/node').TestModule>} testModules */
	onTestRunEnd(testModules, unhandledErrors) {
		let passed = 0;
		let failed = 0;
		let skipped = 0;
		for (const module of testModules) {
			let any = false;
			for (const test of module.children.allTests()) {
				any = true;
				const state = test.result().state;
				if (state === 'passed') passed++;
				else if (state === 'failed') failed++;
				else skipped++;
			}
			// A file that failed before declaring its tests (an import error) counts as a failure.
			if (!any && module.state() === 'failed') failed++;
		}
		failed += unhandledErrors?.length ?? 0;
		const tail = skipped ? `, ${skipped} skipped` : '';
		process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${tail}\n`);
	}
}
