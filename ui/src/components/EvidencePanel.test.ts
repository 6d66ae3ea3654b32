import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = await vi.hoisted(async () => ({
  ...(await import("../test/coreMocks")).coreMocks(),
  workflowSteps: vi.fn(),
  reviewStory: vi.fn(),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import ReviewView from "./ReviewView.svelte";
import { Editor } from "../lib/editor.svelte";
import { stored, withEvidence } from "../test/core";
import { fakeCore } from "../test/workingCore";

describe("The Review view's evidence", () => {
  afterEach(cleanup);
  beforeEach(() => {
    Object.values(ipc).forEach((f) => f.mockReset());
    fakeCore(ipc);
    ipc.workflowSteps.mockResolvedValue([]);
    ipc.analyzeStory.mockResolvedValue(withEvidence.analysis);
    ipc.reviewStory.mockResolvedValue(withEvidence.review);
  });

  async function shown() {
    const editor = new Editor(stored(withEvidence));
    await waitFor(() => expect(editor.analysis).not.toBeNull());
    const onjump = vi.fn();
    render(ReviewView, { editor, onjump });
    await screen.findAllByTestId("evidence-fact");
    return { editor, onjump };
  }

  it("shows each claim found or not beside the cited passage, its words marked", async () => {
    await shown();
    const first = screen.getAllByTestId("evidence-fact")[0];
    expect(first.dataset.number).toBe("1");
    const items = [...first.querySelectorAll<HTMLElement>("[data-testid=evidence-item]")];
    const korea = items.find((i) => i.textContent?.includes("name “North Korea”"))!;
    expect(korea.dataset.found).toBe("true");
    expect(korea.querySelector("mark")?.textContent).toBe("North Korea");
    const seoul = items.find((i) => i.textContent?.includes("name “Seoul”"))!;
    expect(seoul.dataset.found).toBe("false");
    expect(seoul.textContent).toContain("not in the cited sources");
    expect(seoul.querySelector("mark")).toBeNull();
    // A fact whose sources have no saved text says so, and nothing else.
    const second = screen.getAllByTestId("evidence-fact")[1];
    expect(second.querySelectorAll("[data-testid=evidence-item]")).toHaveLength(0);
    expect(second.textContent).toContain("No source it cites has saved text");
  });

  it("opens an evidence finding at its fact's evidence, other findings in the editor", async () => {
    const { onjump } = await shown();
    await waitFor(() => expect(screen.getAllByTestId("review-finding").length).toBeGreaterThan(0));
    const names = screen.getAllByTestId("review-finding").find((b) => b.dataset.code === "fact-name-unsupported")!;
    expect(names.textContent).toContain("Fact 1 names “Washington”, “Seoul” and “Tokyo”");
    await fireEvent.click(names);
    await waitFor(() => expect(document.activeElement).toBe(screen.getAllByTestId("evidence-fact")[0]));
    expect(onjump).not.toHaveBeenCalled();
    const other = screen.getAllByTestId("review-finding").find((b) => !b.dataset.code?.startsWith("fact-"))!;
    await fireEvent.click(other);
    expect(onjump).toHaveBeenCalledTimes(1);
  });
});
