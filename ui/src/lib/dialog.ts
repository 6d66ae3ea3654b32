// What every modal dialog does, as a desktop app's dialogs do (GNOME HIG):
// the focus moves into it as it opens (its first field, or the element
// marked `data-autofocus`), Tab stays inside it, and when it closes the
// focus returns to what had it before (the button that opened it).

const FOCUSABLE =
  'input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

function focusables(node: HTMLElement): HTMLElement[] {
  return [...node.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest("[inert]"));
}

/** The field a dialog opens on: one marked `data-autofocus`, else its first
 * text field, else its first control. */
function opening(node: HTMLElement): HTMLElement | null {
  return (
    node.querySelector<HTMLElement>("[data-autofocus]") ??
    node.querySelector<HTMLElement>('input:not([disabled]):not([type="checkbox"]):not([type="radio"]), textarea:not([disabled])') ??
    focusables(node)[0] ??
    null
  );
}

/** A Svelte action for a dialog's box (the element with role="dialog").
 * `first` names the field to open on when it is drawn only once the
 * dialog's data has arrived; until then the dialog itself has the focus. */
export function modal(node: HTMLElement, options: { first?: string } = {}) {
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  // The fields may arrive a moment later (settings read from the core):
  // focus the first one that appears, unless the editor has moved already.
  const settle = () => {
    if (node.contains(document.activeElement) && document.activeElement !== node) return true;
    const target = options.first ? node.querySelector<HTMLElement>(options.first) : opening(node);
    target?.focus();
    return target !== null;
  };
  if (!node.hasAttribute("tabindex")) node.setAttribute("tabindex", "-1");
  let observer: MutationObserver | null = null;
  if (!settle()) {
    node.focus();
    observer = new MutationObserver(() => {
      if (settle()) observer?.disconnect();
    });
    observer.observe(node, { childList: true, subtree: true });
  }
  const trap = (e: KeyboardEvent) => {
    if (e.key !== "Tab") return;
    const all = focusables(node);
    if (all.length === 0) return;
    const [first, last] = [all[0], all[all.length - 1]];
    if (e.shiftKey && (document.activeElement === first || document.activeElement === node)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  node.addEventListener("keydown", trap);
  return {
    destroy() {
      observer?.disconnect();
      node.removeEventListener("keydown", trap);
      if (before?.isConnected) before.focus();
    },
  };
}
