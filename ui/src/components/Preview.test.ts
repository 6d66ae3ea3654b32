import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import Preview from "./Preview.svelte";
import type { Layout } from "../bindings/Layout";
import { pairRtl, seed } from "../test/core";
import { Sizes, frame, pane } from "../test/windowing";

const layout: Layout = {
  headline: "Headline",
  summary: "",
  image_credit: "Image credit: Wikimedia Commons",
  headings: { facts: "Facts", sources: "Sources:", narratives: "Narratives", predictions: "Predictions", corrections: "Corrections" },
  withdrawal: null,
  facts: [
    { id: "f1", text: "First fact.", numbers: [1] },
    { id: "f2", text: "Second <b>fact</b>.", numbers: [1, 2] },
    { id: "f3", text: "عبارة بالعربية.", numbers: [2] },
  ],
  sources: [
    { number: 1, label: "Times (a)", then: " and " },
    { number: 2, label: "Times (b)", then: "." },
  ],
  narratives: [{ id: "n", lead: "Pro-Russia narrative, as provided by Daily.", text: "All is well." }],
  predictions: ["There is a 40% chance that it rains, according to forecasters."],
  corrections: [],
};

describe("Preview", () => {
  afterEach(() => {
    cleanup();
    document.body.innerHTML = "";
    vi.unstubAllGlobals();
    Sizes.all = [];
  });

  it("shows the core's layout: numbers, the Sources line, labels and sentences as given", () => {
    render(Preview, { layout });
    const facts = screen.getAllByTestId("preview-fact");
    expect(facts[0].innerHTML).toContain("First fact.<sup>1</sup>");
    expect(facts[1].textContent).toBe("Second <b>fact</b>.1,2");
    expect(screen.getByTestId("preview-sources").textContent?.replace(/\s+/g, " ").trim()).toBe(
      "Sources: 1Times (a) and 2Times (b).",
    );
    expect(screen.getByTestId("preview-narrative").textContent).toBe("Pro-Russia narrative, as provided by Daily. All is well.");
    expect(screen.getByTestId("preview-prediction").textContent).toBe(layout.predictions[0]);
  });

  it("lets the browser pick each block's direction, so right-to-left text ends with its numbers", () => {
    render(Preview, { layout });
    for (const fact of screen.getAllByTestId("preview-fact")) expect(fact.getAttribute("dir")).toBe("auto");
    expect(screen.getByRole("heading", { level: 1 }).getAttribute("dir")).toBe("auto");
  });

  it("gives the sources' paragraph its auto direction after its sources, not before", async () => {
    // WebKit works the direction out again for each child put into a
    // dir="auto" element: 1,000 sources took 340 ms instead of 8.
    const seen: string[] = [];
    const note = (records: MutationRecord[]) => {
      for (const r of records) {
        const p = (r.target as Element).closest?.("[data-testid=preview-sources]");
        if (r.type === "attributes" && r.attributeName === "dir" && p === r.target) seen.push("dir");
        else if (r.type === "childList" && p && r.addedNodes.length) seen.push("child");
      }
    };
    const watch = new MutationObserver(note);
    watch.observe(document.body, { subtree: true, childList: true, attributes: true });
    const sources = (n: number) => Array.from({ length: n }, (_, i) => ({ number: i + 1, label: `Outlet ${i + 1}`, then: ", " }));
    const { rerender } = render(Preview, { layout: { ...layout, sources: sources(40) } });
    await new Promise((r) => setTimeout(r, 0));
    note(watch.takeRecords());
    const paragraph = () => screen.getByTestId("preview-sources");
    expect(paragraph().getAttribute("dir")).toBe("auto");
    expect(paragraph().querySelectorAll("bdi")).toHaveLength(40);
    expect(seen).toContain("dir");
    expect(seen.lastIndexOf("child")).toBeLessThan(seen.indexOf("dir"));
    // Another story with more sources: its paragraph is filled before it
    // takes the attribute too.
    seen.length = 0;
    await rerender({ layout: { ...layout, sources: sources(60) } });
    await new Promise((r) => setTimeout(r, 0));
    note(watch.takeRecords());
    watch.disconnect();
    expect(paragraph().querySelectorAll("bdi")).toHaveLength(60);
    expect(paragraph().getAttribute("dir")).toBe("auto");
    expect(seen).toContain("dir");
    expect(seen.lastIndexOf("child")).toBeLessThan(seen.lastIndexOf("dir"));
  });

  it("renders the core's layout of the published story and of a pair-axis story", () => {
    render(Preview, { layout: seed.analysis.layout });
    expect(screen.getAllByTestId("preview-narrative")[0].textContent).toMatch(/^Establishment-critical narrative, as provided by /);
    expect(screen.getByTestId("preview-sources").textContent?.replace(/\s+/g, " ").trim()).toBe(
      "Sources: 1The Guardian, 2The Hill, 3BBC News, 4The Telegraph and 5TASS.",
    );
    cleanup();
    render(Preview, { layout: pairRtl.analysis.layout });
    const labels = screen.getAllByTestId("preview-narrative").map((n) => n.textContent?.split(",")[0]);
    expect(labels).toEqual(["Pro-Ukraine narrative", "Pro-Russia narrative"]);
    expect(screen.getAllByTestId("preview-fact")[0].textContent).toBe("قالت واشنطن وسيول وطوكيو إن الشحنات مؤكدة.1");
  });

  it("has only the facts near the view in the document in a long story, and the view's move brings the rest", async () => {
    vi.stubGlobal("ResizeObserver", Sizes);
    const p = pane();
    const long: Layout = { ...layout, facts: Array.from({ length: 300 }, (_, i) => ({ id: `f${i}`, text: `Fact ${i + 1}.`, numbers: [1] })) };
    render(Preview, { target: p.el, props: { layout: long } });
    p.hold(document.querySelector("[data-testid=preview] ul") as Element);
    await frame();
    expect(screen.getAllByTestId("preview-fact")).toHaveLength(50);
    await p.scrollTo(9000);
    const shown = screen.getAllByTestId("preview-fact").map((f) => f.textContent);
    expect(shown[0]).toBe("Fact 126.1");
    expect(shown).toContain("Fact 200.1");
    expect(shown).not.toContain("Fact 1.1");
  });
});
