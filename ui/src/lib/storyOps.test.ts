import { describe, expect, it } from "vitest";
import type { Story } from "../bindings/Story";
import * as ops from "./storyOps";
import { emptyStory } from "../test/fixtures";

const story = (): Story => emptyStory({ headline: "h" });

describe("story operations", () => {
  it("adds, cites, moves and removes", () => {
    const s = story();
    ops.addFact(s, "f1");
    ops.addFact(s, "f0", 0);
    s.sources.push(ops.newSource("s1", "Reuters"));
    ops.cite(s, "f1", "s1");
    ops.cite(s, "f1", "s1");
    expect(s.facts.map((f) => f.id)).toEqual(["f0", "f1"]);
    expect(s.facts[1].citations).toEqual(["s1"]);
    expect(ops.move(s.facts, 1, 0)).toBe(true);
    expect(ops.move(s.facts, 0, 5)).toBe(false);
    expect(s.facts[0].id).toBe("f1");
    ops.removeSource(s, "s1");
    expect(s.sources).toEqual([]);
    expect(s.facts[0].citations).toEqual([]);
  });

  it("joins numbers", () => {
    expect(ops.joinNumbers([1])).toBe("1");
    expect(ops.joinNumbers([1, 3, 4])).toBe("1, 3 and 4");
  });
});
