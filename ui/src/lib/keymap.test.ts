import { describe, expect, it } from "vitest";
import { shortcut } from "./keymap";

const key = (k: string, more: Partial<KeyboardEvent> = {}) =>
  ({ key: k, ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, ...more }) as KeyboardEvent;

describe("shortcut", () => {
  it("maps Ctrl and Cmd keys to commands", () => {
    expect(shortcut(key("n"))).toBe("new-story");
    expect(shortcut(key("K"))).toBe("find");
    expect(shortcut(key("Enter"))).toBe("add-fact");
    expect(shortcut(key("z"))).toBe("undo");
    expect(shortcut(key("Z", { shiftKey: true }))).toBe("redo");
    expect(shortcut(key("y", { ctrlKey: false, metaKey: true }))).toBe("redo");
  });

  it("leaves plain typing and Alt chords alone", () => {
    expect(shortcut(key("n", { ctrlKey: false }))).toBeNull();
    expect(shortcut(key("z", { altKey: true }))).toBeNull();
    expect(shortcut(key("q"))).toBeNull();
  });
});
