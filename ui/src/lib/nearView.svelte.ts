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
/** Rows are watched in blocks: only a block's first and last rows are
 * observed, and either coming near draws the whole block, so thousands of
 * rows cost the browser tens of observed elements, not thousands. */
const BLOCK = 25;

export class NearView {
  private readonly drawn = new SvelteSet<string>();
  private readonly observer: IntersectionObserver | null;
  private readonly rows = new WeakMap<Element, number>();

  /** `first`: how many rows draw before any is seen; `order`: the rows' ids
   * in list order, now. */
  constructor(
    readonly first: number,
    private readonly order: () => string[],
  ) {
    this.observer =
      typeof IntersectionObserver === "undefined"
        ? null
        : new IntersectionObserver((entries) => this.seen(entries), { rootMargin: MARGIN });
  }

  /** Whether row `id`, at `index` in its list, draws its controls. */
  draws(id: string, index: number): boolean {
    return this.observer === null || index < this.first || this.drawn.has(id);
  }

  /** Svelte action: a row at its index (the parameter); block edges are observed. */
  readonly watch = (node: Element, index: number) => {
    let observed = false;
    const place = (at: number) => {
      this.rows.set(node, at);
      const edge = at % BLOCK === 0 || at % BLOCK === BLOCK - 1;
      if (edge && !observed) this.observer?.observe(node);
      if (!edge && observed) this.observer?.unobserve(node);
      observed = edge;
    };
    place(index);
    return {
      update: place,
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
    const ids = this.order();
    for (const entry of entries) {
      const at = entry.isIntersecting ? this.rows.get(entry.target) : undefined;
      if (at === undefined) continue;
      const start = at - (at % BLOCK);
      // Drawn rows stay drawn, by id, wherever later edits move them.
      for (const id of ids.slice(start, start + BLOCK)) this.drawn.add(id);
    }
  }

  dispose(): void {
    this.observer?.disconnect();
  }
}
