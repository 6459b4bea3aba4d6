/**
 * Long loops of an import give the event loop a turn now and then. PGlite runs in this thread and
 * its queries resolve as microtasks: a loop that only awaits them never lets Node read a socket,
 * so the HTTP server would not answer anything (not even the progress page) until the import ends.
 * A turn is a macrotask (setImmediate); pending requests then run up to their first database
 * query, which waits for the import's transaction. Nothing else enters the transaction, so
 * yielding keeps the import all-or-nothing.
 */
const TURN_MS = 50;

export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A function to await inside a loop: it yields when `everyMs` have passed since the last turn. */
export function breather(everyMs = TURN_MS): () => Promise<void> {
	let last = performance.now();
	return async () => {
		if (performance.now() - last < everyMs) return;
		await nextTurn();
		last = performance.now();
	};
}
