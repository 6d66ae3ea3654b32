import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render } from "@testing-library/svelte";

const ipc = await vi.hoisted(async () => ({
  ...(await import("../test/coreMocks")).coreMocks(),
  workflowSteps: vi.fn(),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

// The editor's long lists, drawn as a window (lib/windowed.svelte.ts): the
// facts and the sources of a long story.
import FactsSection from "./FactsSection.svelte";
import SourcesSection from "./SourcesSection.svelte";
import { Editor } from "../lib/editor.svelte";
import { storedStory } from "../test/fixtures";
import { fakeCore } from "../test/workingCore";
import { fieldId, focusField } from "../lib/targets";
import { Sizes, frame, pane } from "../test/windowing";

function longStory(facts: number) {
  const stored = storedStory(3, "Long");
  stored.story.facts = Array.from({ length: facts }, (_, i) => ({ id: `f${i}`, text: `Fact number ${i + 1}.`, citations: [] }));
  return stored;
}

function manySources(n: number) {
  const stored = storedStory(4, "Sourced");
  stored.story.sources = Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    outlet: `Outlet ${i + 1}`,
    url: `https://example.org/${i + 1}`,
    title: "",
    published_on: null,
    saved_text: "",
  }));
  return stored;
}

const areas = () => [...document.querySelectorAll<HTMLTextAreaElement>("[data-testid=fact] textarea")];
const gaps = () => [...document.querySelectorAll<HTMLElement>("ol.facts > li.gap")].map((g) => g.style.height);

afterEach(() => {
  cleanup();
  document.body.innerHTML = "";
  vi.unstubAllGlobals();
  Sizes.all = [];
});
beforeEach(() => {
  Object.values(ipc).forEach((f) => f.mockReset());
  fakeCore(ipc);
  ipc.analyzeStory.mockResolvedValue(null);
  ipc.workflowSteps.mockResolvedValue([]);
  vi.stubGlobal("ResizeObserver", Sizes);
});

describe("FactsSection in a long story", () => {

  async function open(facts: number) {
    const p = pane();
    const editor = new Editor(longStory(facts));
    render(FactsSection, { target: p.el, props: { editor, onaddfact: vi.fn(), oncreatesource: vi.fn(), oncaptureurl: vi.fn() } });
    p.hold(document.querySelector("ol.facts") as Element);
    await frame();
    return { editor, pane: p };
  }

  it("has only the rows near the view in the document, and a gap as tall as the rest", async () => {
    await open(100);
    // Rows are 60 px until measured: the view (0–600 px) and 1,200 px past
    // it reach into the second block of 25.
    expect(areas().map((a) => a.id)).toEqual(Array.from({ length: 50 }, (_, i) => fieldId.fact(`f${i}`)));
    expect(gaps()).toEqual(["3000px"]);
    expect(document.querySelector("ol.facts")?.getAttribute("data-count")).toBe("100");
  });

  it("sizes the rows it could not see yet by the first rows drawn, so it opens with the rows in view and no more", async () => {
    // Fact rows 100 px tall, as laid out before any ResizeObserver report.
    vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
      const h = this.matches("li.fact") ? 100 : 0;
      return { top: 0, bottom: h, height: h } as DOMRect;
    });
    await open(100);
    // 600 px of view and 1,200 px past it hold the first block of 25 rows of
    // 100 px (guessed at 60 px, the second block would be drawn too).
    expect(areas()).toHaveLength(25);
    expect(gaps()).toEqual(["7500px"]);
    vi.restoreAllMocks();
  });

  it("draws the rows the view scrolls to and drops the ones it left, 25 at a time", async () => {
    const { pane } = await open(100);
    await pane.scrollTo(3000);
    expect(areas()[0].id).toBe(fieldId.fact("f25"));
    expect(areas()).toHaveLength(75);
    expect(gaps()).toEqual(["1500px"]);
    expect((document.getElementById(fieldId.fact("f80")) as HTMLTextAreaElement).value).toBe("Fact number 81.");
    // A screen reader still hears where in the whole list a row is.
    const row = document.getElementById(fieldId.fact("f80"))?.closest("li");
    expect([row?.getAttribute("aria-posinset"), row?.getAttribute("aria-setsize")]).toEqual(["81", "100"]);
    // A row keeps its number when the rows before it are gone.
    expect(document.getElementById(fieldId.fact("f80"))?.getAttribute("aria-label")).toBe("Fact 81");
  });

  it("keeps the focused row in the document wherever the view goes, and it takes the typing", async () => {
    const { editor, pane } = await open(100);
    const first = document.getElementById(fieldId.fact("f0")) as HTMLTextAreaElement;
    first.focus();
    await pane.scrollTo(3000);
    expect(document.getElementById(fieldId.fact("f0"))).toBe(first);
    expect(document.activeElement).toBe(first);
    await fireEvent.input(first, { target: { value: "First, edited far away." } });
    expect(editor.story.facts[0].text).toBe("First, edited far away.");
  });

  it("scrolls the pane back by what a row above the view grew, so the view stays still", async () => {
    const { pane } = await open(100);
    await pane.scrollTo(3000);
    const above = document.getElementById(fieldId.fact("f30"))?.closest("li") as HTMLElement;
    above.getBoundingClientRect = () => ({ top: -300, bottom: -200, height: 100 }) as DOMRect;
    const inView = document.getElementById(fieldId.fact("f55"))?.closest("li") as HTMLElement;
    inView.getBoundingClientRect = () => ({ top: 300, bottom: 400, height: 100 }) as DOMRect;
    // Its first size came with the redraw that added it; a change after that moves the view.
    Sizes.report(above, 60);
    Sizes.report(inView, 60);
    expect(pane.el.scrollTop).toBe(3000);
    Sizes.report(above, 100);
    expect(pane.el.scrollTop).toBe(3040);
    Sizes.report(inView, 100);
    expect(pane.el.scrollTop).toBe(3040);
  });

  it("draws a far row when a jump focuses its field, and the field takes the focus and the typing", async () => {
    const { editor } = await open(100);
    expect(document.getElementById(fieldId.fact("f90"))).toBeNull();
    await focusField(fieldId.fact("f90"));
    const area = document.getElementById(fieldId.fact("f90")) as HTMLTextAreaElement;
    expect(area.tagName).toBe("TEXTAREA");
    expect(document.activeElement).toBe(area);
    await fireEvent.input(area, { target: { value: "Fact ninety-one, edited." } });
    expect(editor.story.facts[90].text).toBe("Fact ninety-one, edited.");
  });
});

describe("SourcesSection in a story with many sources", () => {
  it("has only the rows near the view in the document, and a jump to a far source's field draws it and takes the typing", async () => {
    const p = pane();
    const editor = new Editor(manySources(200));
    render(SourcesSection, { target: p.el, props: { editor, outlets: [], onaddsource: vi.fn(), onaddarticle: vi.fn(), onaddurl: vi.fn() } });
    p.hold(document.querySelector("ul.sources") as Element);
    await frame();
    expect(document.querySelectorAll("[data-testid=source]")).toHaveLength(50);
    expect(document.querySelector("ul.sources")?.getAttribute("data-count")).toBe("200");
    expect(document.getElementById(fieldId.source("s180", "url"))).toBeNull();
    await focusField(fieldId.source("s180", "url"));
    const url = document.getElementById(fieldId.source("s180", "url")) as HTMLInputElement;
    expect(document.activeElement).toBe(url);
    expect(url.value).toBe("https://example.org/181");
    await fireEvent.input(url, { target: { value: "https://example.org/moved" } });
    expect(editor.story.sources[180].url).toBe("https://example.org/moved");
  });
});
