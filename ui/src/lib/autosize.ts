// Svelte action: a textarea grows to fit its text, so facts and narratives
// are read whole. Pass the bound value so programmatic changes (undo) refit;
// it also refits when its width changes (window resized, preview toggled).

export function autosize(node: HTMLTextAreaElement, value?: string) {
  void value; // only triggers `update`; the text is read from the node
  const fit = () => {
    node.style.height = "auto";
    node.style.height = `${node.scrollHeight + 2}px`;
  };
  let width = 0;
  const observer =
    typeof ResizeObserver === "undefined"
      ? null
      : new ResizeObserver(() => {
          if (node.clientWidth !== width) {
            width = node.clientWidth;
            fit();
          }
        });
  observer?.observe(node);
  // The bound value is set after actions run: fit once it is there.
  const first = setTimeout(fit, 0);
  node.addEventListener("input", fit);
  return {
    update: fit,
    destroy: () => {
      clearTimeout(first);
      observer?.disconnect();
      node.removeEventListener("input", fit);
    },
  };
}
