// Which rows of a long list have come near the view. A row draws its form
// controls once it is within about a screen of the pane's view, and keeps
// them; until then it is plain text with the same field ids, so a story of
// 3,000 facts opens with the rows on screen instead of thousands of form
// controls, and a jump to a field still finds it (focusing the plain row
// draws it and moves focus to the real field). The first rows draw at once;
// where IntersectionObserver is missing every row draws.
import { tick } from "svelte";
import { SvelteSet } from "svelte/reactivity";

/** How far outside the view a row starts drawing its controls. */
const MARGIN = "1200px 0px";

export class NearView {
  private readonly drawn = new SvelteSet<string>();
  private readonly observer: IntersectionObserver | null;
  private readonly ids = new WeakMap<Element, string>();

  /** `first`: how many rows draw before any is seen. */
  constructor(readonly first: number) {
    this.observer =
      typeof IntersectionObserver === "undefined"
        ? null
        : new IntersectionObserver((entries) => this.seen(entries), { rootMargin: MARGIN });
  }

  /** Whether row `id`, at `index` in its list, draws its controls. */
  draws(id: string, index: number): boolean {
    return this.observer === null || index < this.first || this.drawn.has(id);
  }

  /** Svelte action: watches a row (its id as the parameter). */
  readonly watch = (node: Element, id: string) => {
    this.ids.set(node, id);
    this.observer?.observe(node);
    return {
      update: (next: string) => this.ids.set(node, next),
      destroy: () => this.observer?.unobserve(node),
    };
  };

  /** Draws row `id`, then focuses the field with DOM id `fieldId` in it. */
  async reveal(id: string, fieldId: string): Promise<void> {
    this.drawn.add(id);
    await tick();
    document.getElementById(fieldId)?.focus({ preventScroll: true });
  }

  private seen(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const id = entry.isIntersecting ? this.ids.get(entry.target) : undefined;
      if (id === undefined) continue;
      this.drawn.add(id);
      // A drawn row stays drawn: nothing more to watch.
      this.observer?.unobserve(entry.target);
    }
  }

  dispose(): void {
    this.observer?.disconnect();
  }
}
