import { describe, expect, it } from "vitest";
import { dateOnly, dateTime, headlineOrPlaceholder, timeOnly } from "./format";
import { UNTITLED } from "../bindings/FieldKey";

describe("story list helpers", () => {
  it("labels empty headlines with the core's words", () => {
    expect(headlineOrPlaceholder("  ")).toBe(UNTITLED);
    expect(UNTITLED).toBe("Untitled story");
    expect(headlineOrPlaceholder(" Kyiv ")).toBe("Kyiv");
  });

  it("writes every date and time in one style, the locale's", () => {
    const at = new Date(2026, 11, 5, 22, 15, 24);
    expect(dateTime(at, "en-GB")).toBe("5 Dec 2026, 22:15");
    expect(dateTime(at, "en-US")).toBe("Dec 5, 2026, 10:15 PM");
    expect(dateOnly(at, "en-GB")).toBe("5 Dec 2026");
    expect(timeOnly(at, "en-GB")).toBe("22:15");
    expect(dateTime(at, "en-GB").endsWith(timeOnly(at, "en-GB")), "the toolbar's time is the History's").toBe(true);
  });
});
