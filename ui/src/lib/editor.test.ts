import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Story } from "../bindings/Story";
import type { StoredStory } from "../bindings/StoredStory";

const ipc = await vi.hoisted(async () => ({
  ...(await import("../test/coreMocks")).coreMocks(),
  restoreStory: vi.fn(),
  transition: vi.fn(),
  workflowSteps: vi.fn(),
  keepAsCopy: vi.fn(),
  articleSource: vi.fn(),
  keepCapture: vi.fn(),
  sourceCaptures: vi.fn(),
}));
vi.mock("./ipc", async () => {
  const actual = await vi.importActual<typeof import("./ipc")>("./ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import { Editor } from "./editor.svelte";
import type { Capture } from "../bindings/Capture";
import { IpcFailure } from "./ipc";
import { timeOnly } from "./format";
import { storedStory } from "../test/fixtures";
import { fakeCore, saved } from "../test/workingCore";

const stored = (version = 1, headline = "Start"): StoredStory => storedStory(7, headline, version);

describe("Editor", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    Object.values(ipc).forEach((f) => f.mockReset());
    ipc.analyzeStory.mockResolvedValue(null);
    ipc.workflowSteps.mockResolvedValue([]);
    core = fakeCore(ipc);
  });
  let core: Map<number, Story>;
  afterEach(() => vi.useRealTimers());

  it("saves once after typing pauses, with the version it started from", async () => {
    ipc.saveStory.mockImplementation(async (_id, version, story) => ({ ...stored(version + 1), story }));
    const ed = new Editor(stored());
    ed.story.headline = "Start a";
    ed.changed("headline");
    ed.story.headline = "Start ab";
    ed.changed("headline");
    expect(ed.saveState).toBe("pending");
    await vi.advanceTimersByTimeAsync(1000);
    expect(ipc.saveStory).toHaveBeenCalledTimes(1);
    expect(ipc.saveStory.mock.calls[0][1]).toBe(1);
    expect(ipc.saveStory.mock.calls[0][2].headline).toBe("Start ab");
    expect(ed.saveState).toBe("saved");
    expect(ed.version).toBe(2);
    expect(ed.savedAt).toBe(timeOnly());
  });

  it("undoes typing steps exactly when a keystroke inside a step copies only its field", () => {
    const start = stored();
    const original = "Two facts stand.";
    start.story.facts = [
      { id: "f1", text: original, citations: [] },
      { id: "f2", text: "Another fact.", citations: [] },
    ];
    const ed = new Editor(start);
    const fact = ed.story.facts[0];
    const type = (text: string) => {
      fact.text = text;
      ed.changed(`fact:${fact.id}`);
    };
    type(original + " a");
    type(original + " ab");
    type(original + " abc");
    ed.story.headline = "Other field";
    ed.changed("headline");
    ed.apply((s) => void s.facts.reverse(), "reverse");
    type(original + " abc!");
    ed.undo();
    expect(ed.story.facts.find((f) => f.id === fact.id)?.text).toBe(original + " abc");
    ed.undo();
    expect(ed.story.facts[0].id).toBe(fact.id);
    ed.undo();
    expect(ed.story.headline).toBe("Start");
    expect(ed.story.facts[0].text).toBe(original + " abc");
    ed.undo();
    expect(ed.story.facts[0].text).toBe(original);
    expect(ed.canUndo).toBe(false);
    ed.redo();
    expect(ed.story.facts[0].text).toBe(original + " abc");
    // Typing again after an undo starts from what the undo restored.
    const again = ed.story.facts[0];
    again.text = original + " x";
    ed.changed(`fact:${again.id}`);
    ed.undo();
    expect(ed.story.facts[0].text).toBe(original + " abc");
  });

  it("reports a conflict and never overwrites; reload takes the stored story", async () => {
    ipc.saveStory.mockRejectedValue(new IpcFailure({ code: "conflict", message: "saved elsewhere" }));
    const ed = new Editor(stored());
    ed.story.headline = "Mine";
    ed.changed("headline");
    await ed.flush();
    expect(ed.saveState).toBe("conflict");
    ed.story.headline = "Mine again";
    ed.changed("headline");
    await vi.advanceTimersByTimeAsync(2000);
    expect(ipc.saveStory).toHaveBeenCalledTimes(1);
    ipc.getStory.mockResolvedValue(stored(5, "Theirs"));
    await ed.reload();
    expect(ed.story.headline).toBe("Theirs");
    expect(ed.version).toBe(5);
    expect(ed.saveState).toBe("saved");
  });

  it("keeps conflicting text as a copy through the core, and stops saving over the conflict", async () => {
    ipc.saveStory.mockRejectedValue(new IpcFailure({ code: "conflict", message: "x" }));
    ipc.keepAsCopy.mockImplementation(async (story) => ({ ...stored(1), id: 8, story }));
    const ed = new Editor(stored());
    ed.story.headline = "Mine";
    ed.changed("headline");
    await ed.flush();
    expect(ed.saveState).toBe("conflict");
    const copy = await ed.keepAsCopy();
    expect(ipc.keepAsCopy.mock.calls[0][0].headline).toBe("Mine");
    expect(copy.id).toBe(8);
    ipc.saveStory.mockClear();
    await ed.flush();
    expect(ipc.saveStory).not.toHaveBeenCalled();
  });

  it("adds items with fresh ids as single undo steps and returns the field to focus", async () => {
    const ed = new Editor(stored());
    const fact = ed.addFact();
    const factId = ed.story.facts[0].id;
    expect(factId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fact).toBe(`fact-${factId}`);
    const source = ed.addSource("Reuters", factId);
    expect(ed.story.facts[0].citations).toEqual([ed.story.sources[0].id]);
    expect(source).toBe(`source-${ed.story.sources[0].id}-url`);
    ed.addNarrative();
    ed.addNarrative();
    expect(ed.story.narratives.map((n) => n.stance)).toEqual(["establishment-critical", "pro-establishment"]);
    ed.setAxis({ first: "Pro-Ukraine", second: "Pro-Russia" });
    expect(ed.story.axis).toEqual({ first: "Pro-Ukraine", second: "Pro-Russia" });
    ed.undo();
    expect(ed.story.axis).toBeUndefined();
    ed.undo();
    expect(ed.story.narratives).toHaveLength(1);
    ipc.articleSource.mockResolvedValue({ id: "s-art", outlet: "BBC", url: "https://bbc.co.uk/x", title: "T", published_on: null, saved_text: "text" });
    expect(await ed.addArticle({ title: "T", text: "text" }, "BBC", "https://bbc.co.uk/x")).toBe("source-s-art-url");
    expect(ed.story.sources.at(-1)?.saved_text).toBe("text");
  });

  it("keeps checking while the editor types without pause, one call to the core at a time", async () => {
    const ed = new Editor(stored());
    await vi.advanceTimersByTimeAsync(0);
    ipc.editFields.mockClear();
    for (let i = 0; i < 10; i++) {
      ed.story.headline += "x";
      ed.changed("headline");
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(ipc.editFields.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(core.get(7)?.headline.length).toBeGreaterThan("Start".length + 5);

    // A slow answer holds the next call back; both are taken, in order.
    let slow: (a: unknown) => void = () => {};
    ipc.editFields.mockImplementationOnce(() => new Promise((r) => (slow = r)));
    ipc.editFields.mockResolvedValueOnce({ rev: 21, full: null, patch: [{ op: "replace", path: "/gate", value: "2 errors" }] });
    ipc.editFields.mockClear();
    ed.story.headline = "A";
    ed.changed("headline");
    await vi.advanceTimersByTimeAsync(100);
    ed.story.headline = "AB";
    ed.changed("headline");
    await vi.advanceTimersByTimeAsync(100);
    expect(ipc.editFields).toHaveBeenCalledTimes(1);
    slow({ rev: 20, full: { findings: [], publishable: false, sources: [], gate: "1 error" }, patch: [] });
    await vi.advanceTimersByTimeAsync(0);
    expect(ipc.editFields).toHaveBeenCalledTimes(2);
    expect(ipc.editFields.mock.calls[1][1]).toBe(20);
    expect(ipc.editFields.mock.calls[1][2]).toEqual([{ key: "headline", value: "AB" }]);
    expect(ed.analysis?.gate).toBe("2 errors");
  });

  it("asks the core about captured sources after sending it the edits it has not seen", async () => {
    const ed = new Editor(stored());
    await vi.advanceTimersByTimeAsync(0);
    ipc.keepCapture.mockResolvedValue(undefined);
    let seen: string[] = [];
    ipc.sourceCaptures.mockImplementation(async (id: number) => {
      seen = core.get(id)?.sources.map((s) => s.id) ?? [];
      return { sources: [], findings: [], blocks: false };
    });
    const source = { id: "s9", outlet: "", url: "https://news.example/a", title: "", published_on: null, saved_text: "Text.", captured_at: "2026-12-07T00:00:00Z" };
    await ed.addCaptured({ source } as unknown as Capture, "Outlet", "Title");
    expect(ipc.sourceCaptures).toHaveBeenCalledWith(7);
    expect(seen, "the core's copy had the new source when asked").toContain("s9");
  });

  it("sends a keystroke as its field, a structural edit or undo as the whole story", async () => {
    const start = stored();
    start.story.facts = [{ id: "f1", text: "One.", citations: [] }];
    const ed = new Editor(start);
    await vi.advanceTimersByTimeAsync(0);
    expect(ipc.editStory).toHaveBeenCalledTimes(1);
    ed.story.facts[0].text = "One fact.";
    ed.changed("fact:f1");
    ed.story.summary = "S";
    ed.changed("summary");
    await vi.advanceTimersByTimeAsync(100);
    expect(ipc.editFields).toHaveBeenCalledTimes(1);
    expect(ipc.editFields.mock.calls[0][2]).toEqual([
      { key: "fact:f1", value: "One fact." },
      { key: "summary", value: "S" },
    ]);
    expect(ipc.editStory).toHaveBeenCalledTimes(1);
    ed.addFact();
    await vi.advanceTimersByTimeAsync(100);
    expect(ipc.editStory).toHaveBeenCalledTimes(2);
    ed.undo();
    await vi.advanceTimersByTimeAsync(100);
    expect(ipc.editStory).toHaveBeenCalledTimes(3);
    expect(core.get(7)).toEqual(JSON.parse(JSON.stringify(ed.story)));
  });

  it("patches the analysis it holds, and resends the whole story after a failed call", async () => {
    ipc.analyzeStory.mockResolvedValue({ findings: [], publishable: true, sources: [], gate: "Ready" });
    const ed = new Editor(stored());
    await vi.advanceTimersByTimeAsync(0);
    const held = ed.analysis;
    ipc.editFields.mockResolvedValueOnce({ rev: 9, full: null, patch: [{ op: "replace", path: "/gate", value: "Ready, 1 warning" }] });
    ed.story.headline = "Start!";
    ed.changed("headline");
    await vi.advanceTimersByTimeAsync(100);
    expect(ed.analysis).toBe(held);
    expect(ed.analysis?.gate).toBe("Ready, 1 warning");
    ipc.editFields.mockRejectedValueOnce(new IpcFailure({ code: "bad-input", message: 'edit "headline": nope' }));
    ed.story.headline = "Start!?";
    ed.changed("headline");
    await vi.advanceTimersByTimeAsync(100);
    expect(ed.problem).toContain("nope");
    ed.story.headline = "Start!?!";
    ed.changed("headline");
    await vi.advanceTimersByTimeAsync(100);
    expect(ipc.editStory.mock.calls.at(-1)?.[2].headline).toBe("Start!?!");
    expect(ipc.editStory.mock.calls.at(-1)?.[1]).toBe(9);
  });

  it("undoes and redoes edits", () => {
    const ed = new Editor(stored());
    ed.apply((s) => s.facts.push({ id: "f", text: "", citations: [] }), "add-fact");
    ed.story.headline = "Changed";
    ed.changed("headline");
    ed.undo();
    expect(ed.story.headline).toBe("Start");
    expect(ed.story.facts).toHaveLength(1);
    ed.undo();
    expect(ed.story.facts).toHaveLength(0);
    ed.redo();
    ed.redo();
    expect(ed.story.headline).toBe("Changed");
    expect(ed.canRedo).toBe(false);
  });

  it("says what kind of save each one was", async () => {
    ipc.saveStory.mockImplementation(async (_id, version, story) => ({ ...stored(version + 1), story }));
    const ed = new Editor(stored());
    ed.story.headline = "Typed";
    ed.changed("headline");
    await vi.advanceTimersByTimeAsync(1000);
    ed.story.headline = "Typed more";
    ed.changed("headline");
    await ed.flush("explicit");
    ed.story.summary = "Left the field";
    ed.changed("summary");
    await ed.flush();
    expect(ipc.saveStory.mock.calls.map((c) => c[3])).toEqual(["typing", "explicit", "field-left"]);
  });

  it("keeps an edition in review read-only", async () => {
    const ed = new Editor(storedStory(7, "Locked", 3, { state: "in-review" }));
    expect(ed.editable).toBe(false);
    ed.story.headline = "Sneaky";
    ed.changed("headline");
    ed.apply((s) => s.facts.push({ id: "f", text: "", citations: [] }), "add-fact");
    await vi.advanceTimersByTimeAsync(2000);
    expect(ipc.saveStory).not.toHaveBeenCalled();
    expect(ed.story.facts).toHaveLength(0);
  });

  it("takes a transition after saving and shows what the core stored", async () => {
    ipc.saveStory.mockImplementation(async (_id, version, story) => ({ ...stored(version + 1), story }));
    const published = storedStory(7, "Edited", 4, { state: "published", live_edition: 1 });
    published.story.corrections = [{ edition: 1, published_at: "2026-11-24T10:00:00Z", note: "n" }];
    ipc.transition.mockResolvedValue(saved(published));
    const ed = new Editor(stored());
    ed.story.headline = "Edited";
    ed.changed("headline");
    await ed.transition("publish", "a note");
    expect(ipc.saveStory).toHaveBeenCalledTimes(1);
    expect(ipc.transition).toHaveBeenCalledWith(7, 2, "publish", "a note");
    expect(ed.workflow.state).toBe("published");
    expect(ed.version).toBe(4);
    expect(ed.story.status).toBe("published");
    expect(ed.story.corrections).toHaveLength(1);
    expect(ipc.workflowSteps).toHaveBeenCalled();
    // The preview is the core's layout: it is asked for again (the core's
    // copy took the correction from the transition).
    ipc.editAnalysis.mockClear();
    await vi.advanceTimersByTimeAsync(0);
    expect(ipc.editAnalysis).toHaveBeenCalledTimes(1);
    expect(core.get(7)?.headline).toBe("Edited");
  });
});
