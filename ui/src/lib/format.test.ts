import { describe, expect, it } from "vitest";
import { clockTime, headlineOrPlaceholder } from "./format";
import { UNTITLED } from "../bindings/FieldKey";

describe("story list helpers", () => {
  it("labels empty headlines with the core's words", () => {
    expect(headlineOrPlaceholder("  ")).toBe(UNTITLED);
    expect(UNTITLED).toBe("Untitled story");
    expect(headlineOrPlaceholder(" Kyiv ")).toBe("Kyiv");
  });

  it("writes the time of day with two digits each", () => {
    expect(clockTime(new Date(2026, 0, 1, 9, 5, 7))).toBe("09:05:07");
  });
});
