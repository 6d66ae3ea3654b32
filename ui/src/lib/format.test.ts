import { describe, expect, it } from "vitest";
import { filterStories, headlineOrPlaceholder, statusLabel } from "./format";
import type { StorySummary } from "../bindings/StorySummary";

const story = (id: number, headline: string): StorySummary => ({
  id,
  headline,
  status: "draft",
  updated_at: "2026-11-23T10:00:00Z",
});

describe("story list helpers", () => {
  it("filters headlines ignoring case and accents", () => {
    const list = [story(1, "Zürich votes"), story(2, "Kyiv under fire"), story(3, "ZURICH again")];
    expect(filterStories(list, "zurich").map((s) => s.id)).toEqual([1, 3]);
    expect(filterStories(list, "  ").map((s) => s.id)).toEqual([1, 2, 3]);
    expect(filterStories(list, "nothing")).toEqual([]);
  });

  it("labels status and empty headlines", () => {
    expect(statusLabel("published")).toBe("Published");
    expect(statusLabel("draft")).toBe("Draft");
    expect(headlineOrPlaceholder("  ")).toBe("(no headline)");
  });
});
