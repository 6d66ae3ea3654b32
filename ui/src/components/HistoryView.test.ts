import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = await vi.hoisted(async () => ({
  ...(await import("../test/coreMocks")).coreMocks(),
  storyHistory: vi.fn(),
  storyAt: vi.fn(),
  storyEdition: vi.fn(),
  diffStories: vi.fn(),
  restoreVersion: vi.fn(),
  workflowSteps: vi.fn(),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import HistoryView from "./HistoryView.svelte";
import { Editor } from "../lib/editor.svelte";
import { storedStory } from "../test/fixtures";
import type { RevisionInfo } from "../bindings/RevisionInfo";
import { fakeCore } from "../test/workingCore";

const version = (v: number, kind: RevisionInfo["kind"], current = false): RevisionInfo => ({
  version: v,
  edition: 1,
  saved_at: `2026-11-24T10:0${v}:00Z`,
  editor: "Anna",
  kind,
  kind_label: kind === "typing" ? "typing" : "saved (Ctrl+S)",
  current,
});

describe("HistoryView", () => {
  afterEach(cleanup);
  beforeEach(() => {
    Object.values(ipc).forEach((f) => f.mockReset());
    fakeCore(ipc);
    ipc.analyzeStory.mockResolvedValue(null);
    ipc.workflowSteps.mockResolvedValue([]);
    ipc.storyHistory.mockResolvedValue({
      editions: [
        { number: 2, state: "draft", state_label: "Draft", correction: "", published_at: null, published_by: null, withdrawal: null, withdrawn_by: null },
        { number: 1, state: "superseded", state_label: "Superseded", correction: "", published_at: "2026-11-24T10:00:00Z", published_by: "Anna", withdrawal: null, withdrawn_by: null },
      ],
      versions: [version(5, "explicit", true), version(4, "typing"), version(3, "field-left"), version(2, "typing"), version(1, "transition")],
      runs: [
        { first: version(5, "explicit", true), since: version(5, "explicit").saved_at, count: 1, label: "saved (Ctrl+S)" },
        { first: version(4, "typing"), since: version(2, "typing").saved_at, count: 3, label: "typing and fields left" },
        { first: version(1, "transition"), since: version(1, "transition").saved_at, count: 1, label: "approved" },
      ],
      transitions: [],
      display_names: { Anna: "Anna Berg" },
    });
  });

  it("lists the core's lines: runs folded, steps named, edition states in words; diffs and restores", async () => {
    const editor = new Editor(storedStory(7, "Now", 5));
    const onrestored = vi.fn();
    render(HistoryView, { editor, onrestored });
    const rows = await screen.findAllByTestId("history-version");
    expect(rows.map((r) => r.dataset.version)).toEqual(["5", "4", "1"]);
    expect(rows[1].textContent).toContain("3 saves (typing and fields left) since");
    expect(rows[2].textContent, "the step, not \"transition\"").toContain("approved");
    expect(screen.getAllByTestId("history-edition")[1].textContent).toContain("Superseded");
    expect(rows[0].textContent).toContain("Anna (Anna Berg)");
    const published = screen.getAllByTestId("history-edition")[1].textContent?.replace(/\s+/g, " ") ?? "";
    expect(published, "a space before each part").toMatch(/ · published .+ · by Anna \(Anna Berg\)/);
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    ipc.storyAt.mockResolvedValue(storedStory(7, "Then").story);
    ipc.diffStories.mockResolvedValue({
      parts: [{ section: "Headline", label: "Headline", change: "changed", spans: [{ kind: "removed", text: "Then" }, { kind: "added", text: "Now" }] }],
    });
    await fireEvent.click(rows[2]);
    const diff = await screen.findByTestId("diff");
    expect(diff.querySelector("del")?.textContent).toBe("Then");
    expect(diff.querySelector("ins")?.textContent).toBe("Now");
    expect(diff.querySelector(".word-diff")?.getAttribute("dir"), "the words pick their direction").toBe("auto");
    expect(ipc.storyAt).toHaveBeenCalledWith(7, 1);
    await waitFor(() => expect(scrolled.mock.contexts[0], "the comparison is brought into view").toBe(diff));
    ipc.restoreVersion.mockResolvedValue(storedStory(7, "Then", 6));
    ipc.getStory.mockResolvedValue(storedStory(7, "Then", 6));
    await fireEvent.click(screen.getByTestId("history-restore"));
    await waitFor(() => expect(onrestored).toHaveBeenCalledWith("Version 1 was restored as version 6; nothing was deleted."));
    expect(ipc.restoreVersion).toHaveBeenCalledWith(7, 1, 5);
    expect(editor.story.headline).toBe("Then");
  });
});
