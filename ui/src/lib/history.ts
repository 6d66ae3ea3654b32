// Undo/redo over whole-story snapshots. Typing in one field within a short
// pause coalesces into one step; structural edits always make their own step.

export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | null = null;
  private lastAt = 0;

  constructor(
    private current: T,
    private readonly limit = 200,
    private readonly coalesceMs = 1500,
  ) {}

  /** Records `next` as the state after an edit identified by `key`. */
  record(next: T, key: string, now = Date.now()): void {
    const coalesce = this.coalesces(key, now);
    if (!coalesce) {
      this.past.push(this.current);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.current = next;
    this.future = [];
    this.lastKey = key;
    this.lastAt = now;
  }

  /** Whether an edit with `key` now would join the current step. */
  coalesces(key: string, now = Date.now()): boolean {
    return key === this.lastKey && now - this.lastAt < this.coalesceMs && !key.startsWith("op:");
  }

  /** Notes an edit joining the current step without its new state; the
   * caller supplies it with `replaceCurrent` before the next step or undo. */
  touch(key: string, now = Date.now()): void {
    this.future = [];
    this.lastKey = key;
    this.lastAt = now;
  }

  /** Sets the state after the current step (see `touch`). */
  replaceCurrent(state: T): void {
    this.current = state;
  }

  undo(): T | null {
    const previous = this.past.pop();
    if (previous === undefined) return null;
    this.future.push(this.current);
    this.current = previous;
    this.lastKey = null;
    return previous;
  }

  redo(): T | null {
    const next = this.future.pop();
    if (next === undefined) return null;
    this.past.push(this.current);
    this.current = next;
    this.lastKey = null;
    return next;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
