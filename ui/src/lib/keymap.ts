// The window's keyboard shortcuts, as a pure mapping from a key event to a
// named command, so the table is tested on its own and the window only
// dispatches. Ctrl and Cmd are the same.

export type Shortcut = "new-story" | "find" | "replace" | "toggle-preview" | "add-fact" | "save" | "undo" | "redo";

/** Every shortcut with its keys, for help texts and tooltips. */
export const SHORTCUTS: Record<Shortcut, string> = {
  "new-story": "Ctrl+N",
  find: "Ctrl+K",
  replace: "Ctrl+H",
  "toggle-preview": "Ctrl+P",
  "add-fact": "Ctrl+Enter",
  save: "Ctrl+S",
  undo: "Ctrl+Z",
  redo: "Ctrl+Shift+Z",
};

/** The shortcut `e` stands for, or null. */
export function shortcut(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">): Shortcut | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  switch (e.key.toLowerCase()) {
    case "n":
      return "new-story";
    case "f":
    case "k":
      return "find";
    case "h":
      return "replace";
    case "p":
      return "toggle-preview";
    case "enter":
      return "add-fact";
    case "s":
      return "save";
    case "z":
      return e.shiftKey ? "redo" : "undo";
    case "y":
      return "redo";
    default:
      return null;
  }
}
