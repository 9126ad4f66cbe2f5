/** Timers that can all be released at once, so that closing the sandbox never waits for a held response. */
export class Delays {
	private readonly pending = new Map<NodeJS.Timeout, () => void>();
	private released = false;

	/** Resolves after `ms` milliseconds, or at once after `releaseAll()`. */
	wait(ms: number): Promise<void> {
		if (ms <= 0 || this.released) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.pending.delete(timer);
				resolve();
			}, ms);
			this.pending.set(timer, resolve);
		});
	}

	/** Resolves every pending wait now; later waits resolve immediately. */
	releaseAll(): void {
		this.released = true;
		for (const [timer, resolve] of this.pending) {
			clearTimeout(timer);
			resolve();
		}
		this.pending.clear();
	}
}
