import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { tick } from "svelte";

const ipc = await vi.hoisted(async () => ({
  ...(await import("../test/coreMocks")).coreMocks(),
  workflowSteps: vi.fn(),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import FactsSection from "./FactsSection.svelte";
import { Editor } from "../lib/editor.svelte";
import { storedStory } from "../test/fixtures";
import { fakeCore } from "../test/workingCore";
import { fieldId, focusField } from "../lib/targets";

/** An IntersectionObserver the test drives: `show(el)` says el came near. */
class Observer {
  static all: Observer[] = [];
  watched = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    Observer.all.push(this);
  }
  observe(el: Element) {
    this.watched.add(el);
  }
  unobserve(el: Element) {
    this.watched.delete(el);
  }
  disconnect() {
    this.watched.clear();
  }
  static show(el: Element) {
    for (const o of Observer.all.filter((o) => o.watched.has(el))) {
      o.callback([{ isIntersecting: true, target: el } as IntersectionObserverEntry], o as unknown as IntersectionObserver);
    }
  }
}

function longStory(facts: number) {
  const stored = storedStory(3, "Long");
  stored.story.facts = Array.from({ length: facts }, (_, i) => ({ id: `f${i}`, text: `Fact number ${i + 1}.`, citations: [] }));
  return stored;
}

describe("FactsSection in a long story", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    Observer.all = [];
  });
  beforeEach(() => {
    Object.values(ipc).forEach((f) => f.mockReset());
    fakeCore(ipc);
    ipc.analyzeStory.mockResolvedValue(null);
    ipc.workflowSteps.mockResolvedValue([]);
    vi.stubGlobal("IntersectionObserver", Observer);
  });

  it("draws form controls for the first rows and plain text for the rest until they come near", async () => {
    const editor = new Editor(longStory(100));
    render(FactsSection, { editor, onaddfact: vi.fn(), oncreatesource: vi.fn() });
    const rows = screen.getAllByTestId("fact");
    expect(rows).toHaveLength(100);
    expect(document.querySelectorAll("[data-testid=fact] textarea")).toHaveLength(40);
    // Only the edges of each block of 25 rows are watched.
    expect([...Observer.all[0].watched].map((el) => rows.indexOf(el as HTMLElement)).sort((a, b) => a - b)).toEqual([0, 24, 25, 49, 50, 74, 75, 99]);
    const far = rows[80];
    expect(far.querySelector("textarea")).toBeNull();
    expect(far.textContent).toContain("Fact number 81.");
    Observer.show(rows[99]);
    await tick();
    expect((far.querySelector("textarea") as HTMLTextAreaElement).value).toBe("Fact number 81.");
    expect(document.querySelectorAll("[data-testid=fact] textarea")).toHaveLength(65);
    // A drawn row stays drawn when an edit moves it into a block never seen.
    editor.apply((s) => void s.facts.splice(0, 0, ...Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, text: "", citations: [] }))), "add");
    await tick();
    expect(screen.getAllByTestId("fact")[110].querySelector("textarea")?.value).toBe("Fact number 81.");
  });

  it("draws a far row when a jump focuses its field, and the field takes the focus and the typing", async () => {
    const editor = new Editor(longStory(100));
    render(FactsSection, { editor, onaddfact: vi.fn(), oncreatesource: vi.fn() });
    focusField(fieldId.fact("f90"));
    await tick();
    await tick();
    const area = document.getElementById(fieldId.fact("f90")) as HTMLTextAreaElement;
    expect(area.tagName).toBe("TEXTAREA");
    expect(document.activeElement).toBe(area);
    await fireEvent.input(area, { target: { value: "Fact ninety-one, edited." } });
    expect(editor.story.facts[90].text).toBe("Fact ninety-one, edited.");
  });
});
