import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = await vi.hoisted(async () => ({
  ...(await import("../test/coreMocks")).coreMocks(),
  workflowSteps: vi.fn(),
  narrativePairs: vi.fn(),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import NarrativesSection from "./NarrativesSection.svelte";
import type { Story } from "../bindings/Story";
import { Editor } from "../lib/editor.svelte";
import { analysis, storedStory } from "../test/fixtures";
import { fakeCore } from "../test/workingCore";

/** Answers like the core: side labels from the story's axis. */
const labels = (s: Story): [string, string] => (s.axis ? [s.axis.first.trim(), s.axis.second.trim()] : ["Establishment-critical", "Pro-establishment"]);

describe("NarrativesSection", () => {
  afterEach(cleanup);
  beforeEach(() => {
    Object.values(ipc).forEach((f) => f.mockReset());
    fakeCore(ipc);
    ipc.analyzeStory.mockImplementation(async (s: Story) => analysis({ side_labels: labels(s) }));
    ipc.workflowSteps.mockResolvedValue([]);
    ipc.narrativePairs.mockResolvedValue({
      establishment: { first: "Establishment-critical", second: "Pro-establishment" },
      used: [{ first: "Pro-Ukraine", second: "Pro-Russia" }],
    });
  });

  it("offers the establishment axis and pairs used before, and labels sides as the core names them", async () => {
    const editor = new Editor(storedStory(1, "x"));
    editor.addNarrative();
    render(NarrativesSection, { editor, onadd: vi.fn() });
    const choice = screen.getByTestId("axis-choice") as HTMLSelectElement;
    await waitFor(() => expect([...choice.options].map((o) => o.textContent)).toEqual([
      "Establishment-critical / Pro-establishment",
      "Pro-Ukraine / Pro-Russia",
      "Another pair of sides…",
    ]));
    await waitFor(() => expect(screen.getByLabelText("Establishment-critical")).toBeTruthy());
    await fireEvent.change(choice, { target: { value: "pair:0" } });
    expect(editor.story.axis).toEqual({ first: "Pro-Ukraine", second: "Pro-Russia" });
    await waitFor(() => expect(screen.getByLabelText("Pro-Russia")).toBeTruthy());
    expect((screen.getByTestId("axis-first") as HTMLInputElement).value).toBe("Pro-Ukraine");
  });

  it("names a new pair in two fields, the first focused", async () => {
    const editor = new Editor(storedStory(1, "x"));
    render(NarrativesSection, { editor, onadd: vi.fn() });
    await waitFor(() => expect((screen.getByTestId("axis-choice") as HTMLSelectElement).options).toHaveLength(3));
    await fireEvent.change(screen.getByTestId("axis-choice"), { target: { value: "named" } });
    await waitFor(() => expect(document.activeElement?.id).toBe("story-axis"));
    await fireEvent.input(screen.getByTestId("axis-first"), { target: { value: "Democratic" } });
    await fireEvent.input(screen.getByTestId("axis-second"), { target: { value: "Republican" } });
    expect(editor.story.axis).toEqual({ first: "Democratic", second: "Republican" });
    await fireEvent.change(screen.getByTestId("axis-choice"), { target: { value: "establishment" } });
    expect(editor.story.axis).toBeUndefined();
    expect(screen.queryByTestId("axis-first")).toBeNull();
  });
});
