import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render } from "@testing-library/svelte";
import LeanChart from "./LeanChart.svelte";

describe("LeanChart", () => {
  afterEach(cleanup);

  it("draws one bar per rating plus unrated, scaled to the largest", () => {
    const { container } = render(LeanChart, { title: "CP", counts: [0, 1, 0, 2, 0], unrated: 4, low: "critical", high: "pro" });
    const heights = [...container.querySelectorAll("rect")].map((r) => Number(r.getAttribute("height")));
    expect(heights).toEqual([0, 17.5, 0, 35, 0, 70]);
    expect(container.querySelector("figure")?.getAttribute("aria-label")).toBe("CP: 1: 0, 2: 1, 3: 0, 4: 2, 5: 0, unrated: 4");
  });
});
