import { describe, expect, it } from "vitest";
import { filterStories, headlineOrPlaceholder } from "./format";
import { summary } from "../test/fixtures";

const story = (id: number, headline: string) => summary(id, headline, "draft");

describe("story list helpers", () => {
  it("filters headlines ignoring case and accents", () => {
    const list = [story(1, "Zürich votes"), story(2, "Kyiv under fire"), story(3, "ZURICH again")];
    expect(filterStories(list, "zurich").map((s) => s.id)).toEqual([1, 3]);
    expect(filterStories(list, "  ").map((s) => s.id)).toEqual([1, 2, 3]);
    expect(filterStories(list, "nothing")).toEqual([]);
  });

  it("labels empty headlines", () => {
    expect(headlineOrPlaceholder("  ")).toBe("(no headline)");
  });
});
