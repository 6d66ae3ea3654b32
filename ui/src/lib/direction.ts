/**
 * Direction for blocks with many children.
 *
 * Contract: [`autoDir`] gives an element `dir="auto"` once its children are
 * in place, so the browser picks its direction from its text as the
 * attribute in the markup would. WebKit works out an auto direction again
 * for every child put into such an element: a paragraph of 1,000 sources
 * took 340 ms to fill with the attribute there from the start and 8 ms
 * with it set afterwards. An element whose children change in number is
 * made anew (`{#key}`), so they are never put into it afterwards either.
 */

/** Svelte action: `dir="auto"` on `node`, set after its children. */
export function autoDir(node: HTMLElement): void {
  node.dir = "auto";
}
