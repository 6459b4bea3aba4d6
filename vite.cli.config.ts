import path from 'node:path';
import { defineConfig } from 'vite';

// The command-line tool (src/cli/cli.ts) bundled with the same aliases as the app, into
// build/cli.js, after the app's build (adapter-node empties build/ first).
export default defineConfig({
	resolve: {
		alias: {
			$lib: path.resolve('src/lib'),
			$server: path.resolve('src/lib/server')
		}
	},
	logLevel: 'warn',
	build: {
		ssr: 'src/cli/cli.ts',
		outDir: 'build/cli',
		emptyOutDir: true,
		target: 'node20',
		rollupOptions: { output: { entryFileNames: 'cli.js' } }
	}
});
