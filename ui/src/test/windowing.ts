// Doubles for the geometry jsdom does not lay out, for lists drawn as a
// window (lib/windowed.svelte.ts): a pane that scrolls and a ResizeObserver
// the test drives.
import { tick } from "svelte";

/** A ResizeObserver the test drives: `report(el, h)` says el is h px tall. */
export class Sizes {
  static all: Sizes[] = [];
  watched = new Set<Element>();
  constructor(private readonly callback: ResizeObserverCallback) {
    Sizes.all.push(this);
  }
  observe(el: Element) {
    this.watched.add(el);
  }
  unobserve(el: Element) {
    this.watched.delete(el);
  }
  disconnect() {
    this.watched.clear();
  }
  static report(el: Element, height: number) {
    for (const o of Sizes.all.filter((o) => o.watched.has(el))) {
      o.callback([{ target: el, borderBoxSize: [{ blockSize: height, inlineSize: 400 }] } as unknown as ResizeObserverEntry], o as unknown as ResizeObserver);
    }
  }
}

/** A pane 600 px tall that scrolls, with the list starting at its top: the
 * geometry jsdom does not lay out. */
export function pane() {
  const el = document.createElement("div");
  el.className = "pane";
  document.body.appendChild(el);
  let top = 0;
  Object.defineProperty(el, "clientHeight", { value: 600 });
  Object.defineProperty(el, "scrollTop", { get: () => top, set: (v: number) => (top = v) });
  return {
    el,
    /** Makes the list report where it is as the pane scrolls. */
    hold(list: Element) {
      list.getBoundingClientRect = () => ({ top: -top, bottom: -top, height: 0 }) as DOMRect;
    },
    async scrollTo(y: number) {
      top = y;
      el.dispatchEvent(new Event("scroll"));
      await frame();
    },
  };
}

export const frame = () => new Promise((r) => requestAnimationFrame(() => r(tick())));
