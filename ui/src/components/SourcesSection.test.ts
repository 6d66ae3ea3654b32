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

import SourcesSection from "./SourcesSection.svelte";
import { Editor } from "../lib/editor.svelte";
import { storedStory } from "../test/fixtures";
import { fakeCore } from "../test/workingCore";
import { fieldId, focusField } from "../lib/targets";
import { Sizes, frame, pane } from "../test/windowing";

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

describe("SourcesSection in a story with many sources", () => {
  afterEach(() => {
    cleanup();
    document.body.innerHTML = "";
    vi.unstubAllGlobals();
    Sizes.all = [];
  });
  beforeEach(() => {
    Object.values(ipc).forEach((f) => f.mockReset());
    fakeCore(ipc);
    ipc.workflowSteps.mockResolvedValue([]);
    vi.stubGlobal("ResizeObserver", Sizes);
  });

  it("has only the rows near the view in the document, and a jump to a far source's field draws it and takes the typing", async () => {
    const p = pane();
    const editor = new Editor(manySources(200));
    render(SourcesSection, { target: p.el, props: { editor, outlets: [], onaddsource: vi.fn(), onaddarticle: vi.fn() } });
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
