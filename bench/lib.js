// Shared by the benchmarks: a free loopback port.
import { createServer } from 'node:net';

export const freePort = () =>
	new Promise((resolve) => {
		const srv = createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
