import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = vi.hoisted(() => ({
  batchOffer: vi.fn(),
  chooseFolder: vi.fn(),
  planExport: vi.fn(),
  exportStoryFile: vi.fn(),
  gateResults: vi.fn(),
  exportFormats: vi.fn(),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import BatchExport from "./BatchExport.svelte";
import { summary } from "../test/fixtures";

const stories = [1, 2, 3].map((id) => summary(id, `Story ${id}`, "draft"));
// A plan as the core words it (the words here are the fixtures', the
// window only shows them).
const plan = (exists: boolean[], failing: number[] = []) => ({
  files: exists.map((e, i) => ({ id: i + 1, path: `/out/Story-${i + 1}.html`, exists: e })),
  failing,
  failing_question: failing.length ? `Core: ${failing.length} fail the publish checks.` : "",
  overwrite_question: exists.some((e) => e) ? "Core: files exist." : "",
  done: `Core: exported ${exists.length}.`,
  cancelled: "Core: cancelled.",
});

describe("BatchExport", () => {
  afterEach(cleanup);
  beforeEach(() => {
    Object.values(ipc).forEach((f) => f.mockReset());
    ipc.chooseFolder.mockResolvedValue("/out");
    ipc.exportStoryFile.mockResolvedValue(undefined);
    ipc.batchOffer.mockResolvedValue({ stories, line: "" });
    ipc.gateResults.mockImplementation(async (ids: number[]) => ids.map((id) => ({ id, errors: 0, warnings: 0, publishable: true, summary: "Ready" })));
    ipc.exportFormats.mockResolvedValue([
      { format: "itn", label: "Plain text", extension: "txt", importable: true },
      { format: "html", label: "HTML page", extension: "html", importable: false },
    ]);
  });

  it("exports the chosen stories to the folder with progress", async () => {
    ipc.planExport.mockResolvedValue(plan([false, false]));
    render(BatchExport, { onclose: vi.fn() });
    await fireEvent.click(await screen.findByLabelText("Export Story 2"));
    await fireEvent.click(screen.getByText("Choose folder…"));
    await fireEvent.click(await screen.findByText("Export 2"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Core: exported 2."));
    expect(ipc.planExport).toHaveBeenCalledWith([1, 3], "html", "/out");
    expect(ipc.exportStoryFile.mock.calls).toEqual([
      [1, "html", "/out/Story-1.html", "readers"],
      [2, "html", "/out/Story-2.html", "readers"],
    ]);
    expect(screen.getByTestId("batch-progress").textContent).toBe("2 / 2");
  });

  it("asks before overwriting and can be cancelled midway", async () => {
    ipc.planExport.mockResolvedValue(plan([false, true, false]));
    let release: () => void = () => {};
    ipc.exportStoryFile.mockImplementationOnce(() => new Promise<void>((r) => (release = r)));
    render(BatchExport, { onclose: vi.fn() });
    await screen.findByLabelText("Export Story 2");
    await fireEvent.click(screen.getByText("Choose folder…"));
    await fireEvent.click(await screen.findByText("Export 3"));
    expect((await screen.findByTestId("batch-overwrite")).textContent).toContain("Core: files exist.");
    expect(ipc.exportStoryFile).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByText("Overwrite them"));
    await fireEvent.click(await screen.findByTestId("batch-cancel"));
    release();
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Core: cancelled."));
    expect(ipc.exportStoryFile).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("batch-progress").textContent).toBe("1 / 3");
  });

  it("shows each story's state and gate, and asks before exporting stories with errors", async () => {
    const summary = (id: number) => (id === 2 ? "2 errors" : id === 3 ? "Ready, 1 warning" : "Ready");
    ipc.gateResults.mockImplementation(async (ids: number[]) => ids.map((id) => ({ id, errors: id === 2 ? 2 : 0, warnings: id === 3 ? 1 : 0, publishable: id !== 2, summary: summary(id) })));
    ipc.planExport.mockResolvedValueOnce(plan([false, true, false], [2])).mockResolvedValueOnce(plan([false, false]));
    render(BatchExport, { onclose: vi.fn() });
    await waitFor(() => expect(screen.getAllByTestId("batch-gate").map((g) => g.textContent)).toEqual(["Ready", "2 errors", "Ready, 1 warning"]));
    expect(screen.getAllByTestId("batch-story")[0].textContent).toContain("Draft");
    expect(screen.getAllByTestId("batch-gate").map((g) => g.classList.contains("err")), "marked as the core says").toEqual([false, true, false]);
    await fireEvent.click(screen.getByText("Choose folder…"));
    await fireEvent.click(await screen.findByText("Export 3"));
    expect((await screen.findByTestId("batch-failing")).textContent).toContain("Core: 1 fail the publish checks.");
    expect(screen.queryByTestId("batch-overwrite")).toBeNull();
    await fireEvent.click(screen.getByTestId("batch-leave-out"));
    await waitFor(() => expect(ipc.planExport).toHaveBeenLastCalledWith([1, 3], "html", "/out"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Core: exported 2."));
    expect(ipc.exportStoryFile.mock.calls.map((c) => c[0])).toEqual([1, 2]);
  });

  it("after exporting failing stories anyway, still asks before overwriting", async () => {
    ipc.planExport.mockResolvedValue(plan([false, true, false], [2]));
    render(BatchExport, { onclose: vi.fn() });
    await screen.findByLabelText("Export Story 2");
    await fireEvent.click(screen.getByText("Choose folder…"));
    await fireEvent.click(await screen.findByText("Export 3"));
    await fireEvent.click(await screen.findByTestId("batch-export-anyway"));
    expect((await screen.findByTestId("batch-overwrite")).textContent).toContain("Core: files exist.");
    expect(ipc.exportStoryFile).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByText("Overwrite them"));
    await waitFor(() => expect(ipc.exportStoryFile).toHaveBeenCalledTimes(3));
  });

  it("shows the core's line when more stories exist than are offered", async () => {
    ipc.batchOffer.mockResolvedValue({ stories, line: "Core: the 3 most recent of 5." });
    render(BatchExport, { onclose: vi.fn() });
    expect((await screen.findByTestId("batch-offer")).textContent).toBe("Core: the 3 most recent of 5.");
  });

  it("offers the core's formats", async () => {
    render(BatchExport, { onclose: vi.fn() });
    const options = await screen.findAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["Plain text", "HTML page"]);
    expect((screen.getByTestId("batch-format") as HTMLSelectElement).value).toBe("html");
  });
});
