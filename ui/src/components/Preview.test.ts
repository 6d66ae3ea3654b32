import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import Preview from "./Preview.svelte";
import type { Story } from "../bindings/Story";
import { emptyStory } from "../test/fixtures";

const story: Story = emptyStory({
  headline: "Headline",
  image_credit: "Wikimedia Commons",
  facts: [
    { id: "f1", text: "First fact.", citations: ["b"] },
    { id: "f2", text: "Second <b>fact</b>.", citations: ["a", "b"] },
  ],
  sources: [],
  narratives: [{ id: "n", stance: "pro-establishment", outlet: "Daily", text: "All is well." }],
  predictions: [{ id: "p", statement: "it rains", probability: 40, forecaster: "forecasters" }],
});

describe("Preview", () => {
  afterEach(cleanup);

  it("shows citations as live numbers, the Sources line and narrative labels", () => {
    render(Preview, {
      story,
      analysis: {
        publishable: true,
        headline_chars: 8,
        headline_max: 200,
        findings: [],
        sources: [
          { id: "b", number: 1, label: "Times (a)", cited_by: [1, 2] },
          { id: "a", number: 2, label: "Times (b)", cited_by: [2] },
        ],
      },
    });
    const facts = screen.getAllByTestId("preview-fact");
    expect(facts[0].innerHTML).toContain("First fact.<sup>1</sup>");
    expect(facts[1].textContent).toBe("Second <b>fact</b>.2,1");
    expect(screen.getByTestId("preview-sources").textContent?.replace(/\s+/g, " ").trim()).toBe(
      "Sources: 1Times (a) and 2Times (b).",
    );
    expect(screen.getByText(/Pro-establishment narrative, as provided by Daily\./)).toBeTruthy();
    expect(screen.getByText(/There is a 40% chance that it rains, according to forecasters\./)).toBeTruthy();
  });
});
