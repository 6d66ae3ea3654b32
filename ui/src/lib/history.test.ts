import { describe, expect, it } from "vitest";
import { History } from "./history";

describe("History", () => {
  it("coalesces typing in one field and separates structural steps", () => {
    const h = new History("a");
    h.record("ab", "headline", 1000);
    h.record("abc", "headline", 1500);
    h.record("abc+", "op:add-fact", 1600);
    h.record("abc+!", "headline", 1700);
    expect(h.undo()).toBe("abc+");
    expect(h.undo()).toBe("abc");
    expect(h.undo()).toBe("a");
    expect(h.undo()).toBeNull();
    expect(h.redo()).toBe("abc");
    expect(h.canRedo).toBe(true);
  });

  it("starts a new step after a pause or in another field, and drops redo on edit", () => {
    const h = new History(0);
    h.record(1, "x", 0);
    h.record(2, "x", 5000);
    h.record(3, "y", 5001);
    expect(h.undo()).toBe(2);
    h.record(9, "z", 6000);
    expect(h.canRedo).toBe(false);
    expect(h.undo()).toBe(2);
    expect(h.undo()).toBe(1);
  });
});
