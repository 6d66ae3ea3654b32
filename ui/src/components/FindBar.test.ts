import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = await vi.hoisted(async () => ({
  ...(await import("../test/coreMocks")).coreMocks(),
  workflowSteps: vi.fn(),
  findInStory: vi.fn(),
  replaceInStory: vi.fn(),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import FindBar from "./FindBar.svelte";
import type { Story } from "../bindings/Story";
import { Editor } from "../lib/editor.svelte";
import { analysis, storedStory } from "../test/fixtures";
import { fakeCore } from "../test/workingCore";

describe("FindBar", () => {
  afterEach(cleanup);
  beforeEach(() => {
    Object.values(ipc).forEach((f) => f.mockReset());
    fakeCore(ipc);
    ipc.analyzeStory.mockResolvedValue(analysis());
    ipc.workflowSteps.mockResolvedValue([]);
  });

  it("counts matches as the core finds them, opens a place, and replaces all as one undo step", async () => {
    const editor = new Editor(storedStory(1, "Seoul talks in Seoul"));
    const factId = editor.addFact();
    editor.apply((s) => (s.facts[0].text = "Officials in Seoul said so."), "seed");
    ipc.findInStory.mockResolvedValue({
      total: 3,
      summary: "3 matches in 2 fields",
      places: [
        { field: "Headline", target: { kind: "story", field: "headline" }, count: 2 },
        { field: "Fact 1", target: { kind: "fact", id: factId }, count: 1 },
      ],
    });
    ipc.replaceInStory.mockImplementation(async (s: Story) => ({
      story: { ...s, headline: "Busan talks in Busan", facts: s.facts.map((f) => ({ ...f, text: f.text.replace("Seoul", "Busan") })) },
      count: 3,
      message: "Replaced 3 matches in 2 fields.",
    }));
    const onjump = vi.fn();
    const onclose = vi.fn();
    render(FindBar, { editor, onjump, onclose });
    const find = screen.getByTestId("find-text");
    expect(document.activeElement, "the find box has the focus as the bar opens").toBe(find);
    await fireEvent.input(find, { target: { value: "seoul" } });
    await waitFor(() => expect(screen.getByTestId("find-count").textContent).toBe("3 matches in 2 fields"));
    expect(ipc.findInStory).toHaveBeenLastCalledWith(expect.objectContaining({ headline: "Seoul talks in Seoul" }), "seoul", { match_case: false, whole_words: false });
    await fireEvent.keyDown(find, { key: "Enter" });
    expect(onjump).toHaveBeenCalledWith("story-headline");
    await fireEvent.click(screen.getAllByTestId("find-place")[1]);
    expect(onjump).toHaveBeenLastCalledWith(`fact-${factId}`);

    await fireEvent.input(screen.getByTestId("replace-text"), { target: { value: "Busan" } });
    await fireEvent.click(screen.getByTestId("replace-all"));
    await waitFor(() => expect(editor.story.headline).toBe("Busan talks in Busan"));
    expect(editor.story.facts[0].text).toBe("Officials in Busan said so.");
    editor.undo();
    expect(editor.story.headline, "one undo brings every field back").toBe("Seoul talks in Seoul");
    expect(editor.story.facts[0].text).toBe("Officials in Seoul said so.");
    await fireEvent.keyDown(find, { key: "Escape" });
    expect(onclose).toHaveBeenCalled();
  });
});
