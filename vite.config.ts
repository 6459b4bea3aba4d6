import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	build: {
		// Public pages ship no JavaScript; keep the pro space's chunks small too.
		target: 'es2022',
		// The few scripts public pages may load (src/lib/client) are files, never data: URLs,
		// which the Content-Security-Policy (script-src 'self') would block.
		assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined)
	},
	test: {
		reporters: ['default', './scripts/summary-reporter.js'],
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/e2e/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 240_000,
					// One browser and one server are shared; run the files one after another.
					fileParallelism: false,
					// The built server is imported as Node runs it, not transformed again by Vite.
					server: { deps: { external: [/\.svelte-kit\/output\//, /\/build\//] } }
				}
			}
		]
	}
});
