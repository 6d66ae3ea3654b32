import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = await vi.hoisted(async () => ({
  ...(await import("../test/coreMocks")).coreMocks(),
  workflowSteps: vi.fn(),
  // What the whole story form asks for besides.
  narrativePairs: vi.fn(),
  languageChoices: vi.fn(),
  setSpelling: vi.fn(),
  recheckSources: vi.fn(),
  cancelFetch: vi.fn(),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import FactsSection from "./FactsSection.svelte";
import StoryEditor from "./StoryEditor.svelte";
import type { Story } from "../bindings/Story";
import { Editor } from "../lib/editor.svelte";
import { analysis, storedStory } from "../test/fixtures";
import { fakeCore } from "../test/workingCore";

/** The whole story form on story 1 (headline "x"), its other calls answered. */
function form(): Editor {
  ipc.narrativePairs.mockResolvedValue({ establishment: { first: "Establishment-critical", second: "Pro-establishment" }, used: [] });
  ipc.languageChoices.mockResolvedValue([]);
  ipc.setSpelling.mockResolvedValue(null);
  const editor = new Editor(storedStory(1, "x"));
  render(StoryEditor, { editor, outlets: [] });
  return editor;
}

describe("The editor's counts", () => {
  afterEach(cleanup);
  beforeEach(() => {
    Object.values(ipc).forEach((f) => f.mockReset());
    fakeCore(ipc);
    ipc.workflowSteps.mockResolvedValue([]);
    // Counts as the core gives them: the second fact past the limit.
    ipc.analyzeStory.mockImplementation(async (s: Story) =>
      analysis({
        counts: {
          fact_max_chars: 500,
          story_line: "Core: story 40 / 600",
          fact_lines: s.facts.map((_, i) => (i === 1 ? "Core: 90 words, 612 of 500" : "Core: 1 word, 5 of 500")),
          // The core's list decides which count is marked.
          long_facts: [1],
          headline_line: "Core: 1 of 200",
          headline_long: true,
          headline_hint: "Core: one line",
        },
      }),
    );
  });

  it("shows each fact's count line as the core words it, marking one past the core's limit", async () => {
    const editor = new Editor(storedStory(1, "x"));
    editor.addFact();
    editor.addFact();
    render(FactsSection, { editor, onaddfact: vi.fn(), oncreatesource: vi.fn(), oncaptureurl: vi.fn() });
    await waitFor(() => expect(screen.getAllByTestId("fact-count")).toHaveLength(editor.story.facts.length));
    const [first, second] = screen.getAllByTestId("fact-count");
    expect(first.textContent).toBe("Core: 1 word, 5 of 500");
    expect(first.classList.contains("over")).toBe(false);
    expect(second.textContent).toBe("Core: 90 words, 612 of 500");
    expect(second.classList.contains("over")).toBe(true);
  });

  it("shows the headline's count and hint as the core words them, marked as the core says", async () => {
    form();
    await waitFor(() => expect(screen.getByTestId("headline-count").textContent).toBe("Core: 1 of 200"));
    expect(screen.getByTestId("headline-count").classList.contains("over")).toBe(true);
    expect(screen.getByLabelText("Headline").getAttribute("placeholder")).toBe("Core: one line");
  });

  it("keeps the headline one line that wraps: Enter breaks no line, a pasted one becomes a space", async () => {
    const editor = form();
    const headline = screen.getByLabelText("Headline") as HTMLTextAreaElement;
    expect(headline.tagName).toBe("TEXTAREA");
    expect(await fireEvent.keyDown(headline, { key: "Enter" })).toBe(false);
    expect(await fireEvent.keyDown(headline, { key: "Enter", ctrlKey: true })).toBe(true);
    await fireEvent.input(headline, { target: { value: "Talks resume\nin Istanbul\r\ntoday" } });
    expect(editor.story.headline).toBe("Talks resume in Istanbul today");
    await waitFor(() => expect(headline.value).toBe("Talks resume in Istanbul today"));
    expect(editor.saveState).toBe("pending");
  });
});
