// Svelte action: a textarea grows to fit its text, so facts and narratives
// are read whole. Where the engine sizes fields itself (CSS
// `field-sizing: content`) the action only turns that on. Elsewhere it
// measures, and never one field at a time when many need it: a story with
// thousands of facts would force a layout per textarea (set the height to
// auto, read scrollHeight, for each). Fields waiting to be fitted are
// measured together once per frame — all heights reset, then all read, then
// all written: one layout for the lot. Typing refits only that field. Pass
// the bound value so programmatic changes (undo) refit; a width change
// (window resized, preview toggled) refits too.

const native = typeof CSS !== "undefined" && typeof CSS.supports === "function" && CSS.supports("field-sizing", "content");

const waiting = new Set<HTMLTextAreaElement>();
let scheduled = false;

function fitNow(nodes: HTMLTextAreaElement[]): void {
  for (const n of nodes) n.style.height = "auto";
  const heights = nodes.map((n) => n.scrollHeight);
  nodes.forEach((n, i) => (n.style.height = `${heights[i] + 2}px`));
}

function fitSoon(node: HTMLTextAreaElement): void {
  waiting.add(node);
  if (scheduled) return;
  scheduled = true;
  const run = () => {
    scheduled = false;
    const nodes = [...waiting].filter((n) => n.isConnected);
    waiting.clear();
    fitNow(nodes);
  };
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(run);
  else setTimeout(run, 0);
}


export function autosize(node: HTMLTextAreaElement, value?: string) {
  void value; // only triggers `update`; the text is read from the node
  if (native) {
    node.style.setProperty("field-sizing", "content");
    return {};
  }
  let width = 0;
  const observer =
    typeof ResizeObserver === "undefined"
      ? null
      : new ResizeObserver(() => {
          if (node.clientWidth !== width) {
            width = node.clientWidth;
            fitSoon(node);
          }
        });
  observer?.observe(node);
  // The bound value is set after actions run: fit once it is there.
  fitSoon(node);
  const typed = () => fitNow([node]);
  node.addEventListener("input", typed);
  return {
    update: () => fitSoon(node),
    destroy: () => {
      waiting.delete(node);
      observer?.disconnect();
      node.removeEventListener("input", typed);
    },
  };
}
