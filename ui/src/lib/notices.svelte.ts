// What the window tells the editor: short notices ("Published.") and
// problems, each belonging to the story or view that raised it, so it never
// follows the editor elsewhere. A plain notice fades after a few seconds; one
// that holds an Undo stays until it is used or dismissed, or until a newer
// notice of its scope replaces it; problems stay until dismissed.
import { SvelteMap } from "svelte/reactivity";

/** Where a notice belongs: a story (`story:7`), a view (`view:outlets`), or
 * the story list, which is always on screen. */
export type Scope = `story:${number}` | `view:${string}` | "list";

export interface Notice {
  id: number;
  scope: Scope;
  text: string;
  problem: boolean;
  /** Whether it goes away by itself. */
  fades: boolean;
  undo?: () => Promise<void> | void;
}

export const FADE_MS = 6000;

export class Notices {
  items: Notice[] = $state([]);
  private next = 1;
  private timers = new SvelteMap<number, ReturnType<typeof setTimeout>>();

  constructor(private readonly fadeMs = FADE_MS) {}

  /** Shows `text` in `scope`, replacing that scope's earlier notice. */
  say(scope: Scope, text: string, undo?: Notice["undo"]): void {
    this.add({ id: this.next++, scope, text, problem: false, fades: !undo, undo });
  }

  /** Shows `text` in `scope` until it is dismissed (what the editor must
   * read, such as where a migration's backup is). */
  keep(scope: Scope, text: string): void {
    this.add({ id: this.next++, scope, text, problem: false, fades: false });
  }

  /** Shows a problem in `scope` until it is dismissed. */
  problem(scope: Scope, error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    this.add({ id: this.next++, scope, text, problem: true, fades: false });
  }

  /** What `scope` shows now (the list's notices show everywhere). */
  visible(scope: Scope): Notice[] {
    return this.items.filter((n) => n.scope === scope || n.scope === "list");
  }

  dismiss(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.items = this.items.filter((n) => n.id !== id);
  }

  /** Drops a scope's notices (its story was deleted), or only its problems
   * (what went wrong was put right). */
  clear(scope: Scope, which: "all" | "problems" = "all"): void {
    for (const n of this.items.filter((n) => n.scope === scope && (which === "all" || n.problem))) this.dismiss(n.id);
  }

  /** Drops every notice (the database under them was replaced). */
  dismissAll(): void {
    for (const n of this.items) this.dismiss(n.id);
  }

  async undo(id: number): Promise<void> {
    const notice = this.items.find((n) => n.id === id);
    this.dismiss(id);
    await notice?.undo?.();
  }

  private add(notice: Notice): void {
    for (const old of this.items.filter((n) => n.scope === notice.scope && n.problem === notice.problem)) this.dismiss(old.id);
    this.items = [...this.items, notice];
    if (notice.fades) {
      this.timers.set(
        notice.id,
        setTimeout(() => this.dismiss(notice.id), this.fadeMs),
      );
    }
  }
}

/** The window's notices. */
export const notices = new Notices();
