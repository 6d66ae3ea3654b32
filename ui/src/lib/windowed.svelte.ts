// A long list drawn as a window: only the rows within about a screen of the
// pane's view are in the document; the rows above and below are one empty
// element each, as tall as those rows were when last drawn (or as the
// first rows drawn were on average, for rows never drawn). A story of 3,000
// facts opens with a screenful of rows, and a keystroke lays out a short
// document.
//
// Contract: `slots` lists what to draw, in order — rows (by key, with their
// index and item) and gaps (with their height). The list element takes
// `use:list`, every drawn row `use:row={key}`. Rows are drawn in blocks of
// BLOCK, so scrolling adds and removes rows 25 at a time. The row holding
// the focus stays drawn wherever the view goes (typing never goes into a row
// that left the document); `reveal(fieldId)` draws the row that owns a
// field (a jump to "fact 2,900") and is registered with `targets.showField`.
// Drawn rows carry aria-posinset / aria-setsize (the lists set them), so a
// screen reader still tells "2,900 of 3,000". Where the pane cannot be
// measured (no layout: tests, a hidden pane) the first `first` rows are
// drawn. When rows above the view are drawn, resized or folded into a gap,
// the pane scrolls by the difference, so what the editor looks at stays
// still.
import { tick, untrack } from "svelte";
import { onShowField } from "./targets";

/** Rows are drawn and dropped in blocks of this many. */
export const BLOCK = 25;
/** How far beyond the view (px, both ways) rows are drawn. */
const MARGIN = 1200;
/** A row's height until one has been measured. */
const FALLBACK_HEIGHT = 60;

export type Slot<T> =
  | { kind: "row"; key: string; index: number; item: T }
  | { kind: "gap"; key: string; height: number };

export interface WindowedOptions<T> {
  /** The items, in list order, now. */
  items: () => T[];
  key: (item: T, index: number) => string;
  /** Whether the field with this DOM id is in this item's row. */
  owns?: (item: T, fieldId: string) => boolean;
  /** Rows drawn when the pane cannot be measured. */
  first: number;
}

export class Windowed<T> {
  /** Bumped when the view moves or rows are measured. */
  private moved = $state(0);
  /** The row that must stay drawn: focused, or being revealed. */
  private pinned: string | null = $state(null);
  /** Measured height of each row drawn so far (its margin included), by key. */
  private readonly heights: Record<string, number> = Object.create(null);
  /** The height of a row never drawn: the first rows' average, fixed once
   * known, so a gap above the view never changes height by itself (a
   * running average would move every row below a gap of thousands). */
  private estimate: number | null = null;
  private readonly rowsByElement = new WeakMap<Element, string>();
  private pane: HTMLElement | null = null;
  private listEl: HTMLElement | null = null;
  private readonly rowSizes: ResizeObserver | null;
  private readonly paneSize: ResizeObserver | null;
  private frame = 0;
  private readonly unregister: () => void;

  constructor(private readonly options: WindowedOptions<T>) {
    const canObserve = typeof ResizeObserver !== "undefined";
    this.rowSizes = canObserve ? new ResizeObserver((entries) => this.measured(entries)) : null;
    this.paneSize = canObserve ? new ResizeObserver(() => this.soon()) : null;
    this.unregister = onShowField((id) => this.reveal(id));
  }

  /** What to draw, in order. */
  readonly slots: Slot<T>[] = $derived.by(() => {
    const items = this.options.items();
    const keys = items.map(this.options.key);
    void this.moved;
    const pinned = this.pinned;
    return untrack(() => this.layout(items, keys, pinned));
  });

  private layout(items: T[], keys: string[], pinned: string | null): Slot<T>[] {
    const view = this.view();
    const guess = this.estimate ?? FALLBACK_HEIGHT;
    const height = (k: string) => this.heights[k] ?? guess;
    const slots: Slot<T>[] = [];
    const pinnedAt = pinned === null ? -1 : keys.indexOf(pinned);
    let gapStart = -1;
    let gapHeight = 0;
    let y = 0;
    for (let start = 0; start < items.length; start += BLOCK) {
      const end = Math.min(start + BLOCK, items.length);
      let h = 0;
      for (let i = start; i < end; i++) h += height(keys[i]);
      const near = view ? y + h >= view.top - MARGIN && y <= view.bottom + MARGIN : start < this.options.first;
      if (near || (pinnedAt >= start && pinnedAt < end)) {
        if (gapStart >= 0) slots.push({ kind: "gap", key: `\u0000gap${gapStart}`, height: gapHeight });
        gapStart = -1;
        gapHeight = 0;
        for (let i = start; i < end; i++) slots.push({ kind: "row", key: keys[i], index: i, item: items[i] });
      } else {
        if (gapStart < 0) gapStart = start;
        gapHeight += h;
      }
      y += h;
    }
    if (gapStart >= 0) slots.push({ kind: "gap", key: `\u0000gap${gapStart}`, height: gapHeight });
    return slots;
  }

  /** The pane's view in the list's own coordinates, or null when unmeasurable. */
  private view(): { top: number; bottom: number } | null {
    const { pane, listEl } = this;
    if (!pane || !listEl || pane.clientHeight === 0) return null;
    // Where the list starts in the scrolled content (a list that scrolls
    // itself starts at its top).
    const start = pane === listEl ? 0 : listEl.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;
    const top = pane.scrollTop - start;
    return { top, bottom: top + pane.clientHeight };
  }

  /** Svelte action for the list element: finds the pane that scrolls it
   * (the list itself when it has `data-scrolls`). */
  readonly list = (node: HTMLElement) => {
    this.listEl = node;
    this.pane = node.hasAttribute("data-scrolls") ? node : node.closest<HTMLElement>(".pane");
    const onScroll = () => this.soon();
    const onFocus = (e: FocusEvent) => {
      const row = (e.target as Element).closest?.("[data-row]");
      const key = row ? this.rowsByElement.get(row) : undefined;
      if (key !== undefined) this.pinned = key;
    };
    this.pane?.addEventListener("scroll", onScroll, { passive: true });
    if (this.pane) this.paneSize?.observe(this.pane);
    node.addEventListener("focusin", onFocus);
    // Measured now, not at the next frame, and sized by the rows already
    // drawn: the first frame shows the rows in view, instead of the first
    // rows, then more (at a guessed height), then fewer.
    this.measureDrawn();
    this.moved++;
    return {
      destroy: () => {
        this.pane?.removeEventListener("scroll", onScroll);
        node.removeEventListener("focusin", onFocus);
        this.paneSize?.disconnect();
        this.pane = null;
        this.listEl = null;
      },
    };
  };

  /** Records the heights of the rows drawn before the list could be measured. */
  private measureDrawn(): void {
    if (!this.listEl || !this.pane || this.pane.clientHeight === 0) return;
    const sizes: number[] = [];
    for (const row of this.listEl.querySelectorAll(":scope > [data-row]")) {
      const box = row.getBoundingClientRect().height;
      // A row not laid out (a hidden pane) says nothing of its height.
      const size = box > 0 ? this.record(row, box) : null;
      if (size) sizes.push(size.height);
    }
    this.settleEstimate(sizes);
  }

  /** Records a drawn row's height (its border box `box` and its top
   * margin), with the one it had if measured before; null for no row. */
  private record(row: Element, box: number): { height: number; before: number | undefined } | null {
    const key = this.rowsByElement.get(row);
    if (key === undefined) return null;
    const before = this.heights[key];
    const height = box + (parseFloat(getComputedStyle(row).marginTop) || 0);
    this.heights[key] = height;
    return { height, before };
  }

  /** Fixes the estimate for rows never drawn at the first rows' average. */
  private settleEstimate(sizes: number[]): void {
    if (this.estimate === null && sizes.length > 0) this.estimate = sizes.reduce((a, b) => a + b) / sizes.length;
  }

  /** Svelte action for a drawn row, given its key. */
  readonly row = (node: HTMLElement, key: string) => {
    node.dataset.row = "";
    this.rowsByElement.set(node, key);
    this.rowSizes?.observe(node);
    return {
      update: (k: string) => this.rowsByElement.set(node, k),
      destroy: () => this.rowSizes?.unobserve(node),
    };
  };

  /** Draws the row owning the field with DOM id `fieldId`, if it is in this
   * list; resolves with whether it was. */
  async reveal(fieldId: string): Promise<boolean> {
    const { owns, items, key } = this.options;
    const list = items();
    const at = owns ? list.findIndex((it) => owns(it, fieldId)) : -1;
    if (at < 0) return false;
    this.pinned = key(list[at], at);
    await tick();
    return true;
  }

  private measured(entries: ResizeObserverEntry[]): void {
    const paneTop = this.pane?.getBoundingClientRect().top ?? 0;
    let shift = 0;
    const sizes: number[] = [];
    for (const entry of entries) {
      if (!entry.target.isConnected) continue;
      const box = entry.borderBoxSize?.[0]?.blockSize ?? entry.target.getBoundingClientRect().height;
      const size = this.record(entry.target, box);
      if (!size) continue;
      sizes.push(size.height);
      // A drawn row above the view that grew or shrank (the pane got
      // narrower, an edit above) would move what the editor looks at: the
      // pane scrolls the difference back. A row's first size needs nothing
      // here: the redraw that added it kept its anchor (see `soon`).
      if (size.before !== undefined && entry.target.getBoundingClientRect().bottom <= paneTop) shift += size.height - size.before;
    }
    this.settleEstimate(sizes);
    if (this.pane && shift !== 0) this.pane.scrollTop += shift;
    this.soon();
  }

  /** Recomputes the window at the next frame (scrolls come many per frame),
   * keeping the row the editor looks at where it is on screen: rows drawn
   * above it, or gaps above it sized anew, scroll the pane by what they
   * moved it. */
  private soon(): void {
    if (this.frame || typeof requestAnimationFrame === "undefined") return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const anchor = this.anchor();
      this.moved++;
      void tick().then(() => {
        if (!anchor || !anchor.row.isConnected || !this.pane) return;
        const moved = anchor.row.getBoundingClientRect().top - anchor.top;
        if (moved !== 0) this.pane.scrollTop += moved;
      });
    });
  }

  /** The drawn row the editor looks at: the focused one when in view, else
   * the first in view; with where it is on screen. */
  private anchor(): { row: Element; top: number } | null {
    if (!this.pane || !this.listEl) return null;
    const view = this.pane.getBoundingClientRect();
    const inView = (row: Element | null | undefined) => {
      const box = row?.getBoundingClientRect();
      return box && box.bottom > view.top && box.top < view.bottom ? box.top : null;
    };
    const focused = document.activeElement?.closest("[data-row]");
    if (focused && this.listEl.contains(focused)) {
      const top = inView(focused);
      if (top !== null) return { row: focused, top };
    }
    for (const row of this.listEl.querySelectorAll(":scope > [data-row]")) {
      const top = inView(row);
      if (top !== null) return { row, top };
    }
    return null;
  }

  dispose(): void {
    this.unregister();
    this.rowSizes?.disconnect();
    this.paneSize?.disconnect();
    if (this.frame) cancelAnimationFrame(this.frame);
  }
}
