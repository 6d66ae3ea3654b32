import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render } from "@testing-library/svelte";
import LeanChart from "./LeanChart.svelte";

describe("LeanChart", () => {
  afterEach(cleanup);

  it("draws one bar per rating plus unrated, scaled to the largest, with every count", () => {
    const { container } = render(LeanChart, { title: "CP", counts: [0, 1, 0, 2, 0], unrated: 4, low: "critical", high: "pro" });
    const heights = [...container.querySelectorAll("rect")].map((r) => Number(r.getAttribute("height")));
    expect(heights).toEqual([0, 16, 0, 32, 0, 64]);
    const counts = [...container.querySelectorAll("text.count")].map((t) => t.textContent);
    expect(counts).toEqual(["0", "1", "0", "2", "0", "4"]);
    // The tallest bar's count sits inside the drawing, not above it.
    const tallest = container.querySelectorAll("text.count")[5];
    expect(Number(tallest.getAttribute("y"))).toBeGreaterThan(0);
  });

  it("puts the scale's names under its ends, apart from the unrated bar", () => {
    const { container } = render(LeanChart, { title: "LR", counts: [1, 1, 1, 1, 1], unrated: 1, low: "left", high: "right" });
    const ends = [...container.querySelectorAll("text.end")];
    const at = (name: string) => Number(ends.find((t) => t.textContent === name)?.getAttribute("x"));
    const unratedBar = Number(container.querySelectorAll("rect")[5].getAttribute("x"));
    expect(at("left")).toBeLessThan(10);
    expect(at("right")).toBeLessThan(unratedBar);
    expect(at("unrated")).toBeGreaterThan(unratedBar);
  });

  it("reads as a table to screen readers", () => {
    const { container } = render(LeanChart, { title: "CP", counts: [0, 1, 0, 2, 0], unrated: 4, low: "critical", high: "pro" });
    expect(container.querySelector("svg")?.getAttribute("aria-hidden")).toBe("true");
    const rows = [...container.querySelectorAll("table tr")].map((r) => r.textContent);
    expect(rows).toEqual(["10", "21", "30", "42", "50", "unrated4"]);
    expect(container.querySelector("caption")?.textContent).toContain("1 critical, 5 pro");
  });

  it("gives every count and the word unrated the room they need", () => {
    const { container } = render(LeanChart, { title: "CP", counts: [817702, 200000, 3, 4, 5], unrated: 12, low: "critical", high: "pro" });
    const xs = [...container.querySelectorAll("rect")].map((r) => Number(r.getAttribute("x")));
    const column = xs[1] - xs[0];
    expect(column).toBeGreaterThanOrEqual("817702".length * 7 + 8);
    const svg = container.querySelector("svg")!;
    const width = Number(svg.getAttribute("width"));
    const unrated = [...container.querySelectorAll("text.end")].find((t) => t.textContent === "unrated")!;
    // Centred text of 7 letters needs half its width on each side of its x.
    expect(width - Number(unrated.getAttribute("x"))).toBeGreaterThanOrEqual((7 * 7) / 2);
  });
});
