import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Notices } from "./notices.svelte";

describe("Notices", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("shows a notice only in its scope (and the list's everywhere)", () => {
    const n = new Notices(1000);
    n.say("story:1", "Published.");
    n.say("list", "Deleted “x”.", () => {});
    expect(n.visible("story:1").map((x) => x.text)).toEqual(["Published.", "Deleted “x”."]);
    expect(n.visible("story:2").map((x) => x.text)).toEqual(["Deleted “x”."]);
    expect(n.visible("view:outlets").map((x) => x.text)).toEqual(["Deleted “x”."]);
  });

  it("fades plain notices, keeps ones with an Undo and problems", () => {
    const n = new Notices(1000);
    n.say("story:1", "Exported.");
    n.say("view:outlets", "Deleted BBC.", () => {});
    n.problem("story:1", new Error("disk full"));
    vi.advanceTimersByTime(999);
    expect(n.items).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(n.items.map((x) => x.text)).toEqual(["Deleted BBC.", "disk full"]);
  });

  it("lets a newer notice replace its scope's older one and runs an undo once", async () => {
    const n = new Notices(1000);
    const undo = vi.fn();
    n.say("view:outlets", "Added A.", undo);
    n.say("view:outlets", "Added B.", undo);
    expect(n.visible("view:outlets").map((x) => x.text)).toEqual(["Added B."]);
    const id = n.items[0].id;
    await n.undo(id);
    await n.undo(id);
    expect(undo).toHaveBeenCalledTimes(1);
    expect(n.items).toEqual([]);
  });
});
