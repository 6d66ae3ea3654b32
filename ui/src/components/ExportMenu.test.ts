import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = await vi.hoisted(async () => ({
  ...(await import("../test/coreMocks")).coreMocks(),
  workflowSteps: vi.fn(),
  exportFormats: vi.fn(),
  suggestFileName: vi.fn(),
  chooseExportPath: vi.fn(),
  exportStoryFile: vi.fn(),
  exportChoices: vi.fn(),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import ExportMenu from "./ExportMenu.svelte";
import { Editor } from "../lib/editor.svelte";
import { notices } from "../lib/notices.svelte";
import { analysis, storedStory } from "../test/fixtures";
import { fakeCore } from "../test/workingCore";

describe("ExportMenu", () => {
  afterEach(() => {
    cleanup();
    notices.dismissAll();
  });
  beforeEach(() => {
    Object.values(ipc).forEach((f) => f.mockReset());
    fakeCore(ipc);
    ipc.analyzeStory.mockResolvedValue(analysis());
    ipc.workflowSteps.mockResolvedValue([]);
    ipc.exportFormats.mockResolvedValue([
      { format: "itn", label: "Plain text", extension: "txt", importable: true },
      { format: "ninjs", label: "IPTC ninjs", extension: "ninjs.json", importable: true },
    ]);
    ipc.exportChoices.mockResolvedValue([{ edition: "latest", label: "The working draft: edition 1" }]);
  });

  it("lists the core's formats and saves under the name the core suggests", async () => {
    ipc.suggestFileName.mockResolvedValue("東京-summit.ninjs.json");
    ipc.chooseExportPath.mockResolvedValue("/out/東京-summit.ninjs.json");
    ipc.exportStoryFile.mockResolvedValue("Exported the working draft (edition 1) to /out/東京-summit.ninjs.json");
    const editor = new Editor(storedStory(4, "東京 summit"));
    render(ExportMenu, { editor });
    await fireEvent.click(screen.getByTestId("export-menu"));
    const items = await screen.findAllByRole("menuitem");
    expect(items.map((i) => i.textContent?.replace(/\s+/g, " ").trim())).toEqual(["Plain text .txt", "IPTC ninjs .ninjs.json"]);
    expect(document.activeElement).toBe(items[0]);
    await fireEvent.keyDown(items[0], { key: "ArrowDown" });
    expect(document.activeElement).toBe(items[1]);
    await fireEvent.click(items[1]);
    await waitFor(() => expect(ipc.exportStoryFile).toHaveBeenCalledWith(4, "ninjs", "/out/東京-summit.ninjs.json", "latest"));
    expect(ipc.suggestFileName).toHaveBeenCalledWith("東京 summit", "ninjs");
    expect(ipc.chooseExportPath).toHaveBeenCalledWith("東京-summit.ninjs.json", "ninjs.json");
    expect(notices.visible("story:4").map((n) => n.text)).toEqual([
      "Exported the working draft (edition 1) to /out/東京-summit.ninjs.json",
    ]);
    expect(screen.queryByTestId("export-editions")).toBeNull();
    expect(screen.queryByRole("menu")).toBeNull();
  });

  it("closes with Escape and writes nothing", async () => {
    render(ExportMenu, { editor: new Editor(storedStory(4, "x")) });
    await fireEvent.click(screen.getByTestId("export-menu"));
    const items = await screen.findAllByRole("menuitem");
    await fireEvent.keyDown(items[0], { key: "Escape" });
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId("export-menu"));
    expect(ipc.exportStoryFile).not.toHaveBeenCalled();
  });

  it("writes what readers see of a withdrawn story unless the draft is chosen, and says which", async () => {
    ipc.exportChoices.mockResolvedValue([
      { edition: "published", label: "What readers see: edition 1, withdrawn" },
      { edition: "latest", label: "The working draft: edition 2" },
    ]);
    ipc.suggestFileName.mockResolvedValue("x.txt");
    ipc.chooseExportPath.mockResolvedValue("/out/x.txt");
    ipc.exportStoryFile.mockResolvedValue("Exported edition 1, as readers see it (withdrawn), to /out/x.txt");
    render(ExportMenu, { editor: new Editor(storedStory(4, "x")) });
    await fireEvent.click(screen.getByTestId("export-menu"));
    const items = await screen.findAllByRole("menuitem");
    expect((screen.getByTestId("export-edition-published") as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(items[0]);
    await waitFor(() => expect(ipc.exportStoryFile).toHaveBeenCalledWith(4, "itn", "/out/x.txt", "published"));
    expect(notices.visible("story:4").map((n) => n.text)).toEqual([
      "Exported edition 1, as readers see it (withdrawn), to /out/x.txt",
    ]);

    await fireEvent.click(screen.getByTestId("export-menu"));
    await fireEvent.click(await screen.findByTestId("export-edition-latest"));
    await fireEvent.click((await screen.findAllByRole("menuitem"))[0]);
    await waitFor(() => expect(ipc.exportStoryFile).toHaveBeenLastCalledWith(4, "itn", "/out/x.txt", "latest"));
  });
});
