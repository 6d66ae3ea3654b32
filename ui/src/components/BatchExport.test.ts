import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = vi.hoisted(() => ({
  listPage: vi.fn(),
  listCount: vi.fn(),
  chooseFolder: vi.fn(),
  planExport: vi.fn(),
  exportStoryFile: vi.fn(),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import BatchExport from "./BatchExport.svelte";
import { summary } from "../test/fixtures";

const stories = [1, 2, 3].map((id) => summary(id, `Story ${id}`, "draft"));
const plan = (exists: boolean[]) => exists.map((e, i) => ({ id: i + 1, path: `/out/Story-${i + 1}.html`, exists: e }));

describe("BatchExport", () => {
  afterEach(cleanup);
  beforeEach(() => {
    Object.values(ipc).forEach((f) => f.mockReset());
    ipc.chooseFolder.mockResolvedValue("/out");
    ipc.exportStoryFile.mockResolvedValue(undefined);
    ipc.listPage.mockResolvedValue({ listing: { stories, unreadable: [] }, more: false });
  });

  it("exports the chosen stories to the folder with progress", async () => {
    ipc.planExport.mockResolvedValue(plan([false, false]));
    render(BatchExport, { onclose: vi.fn() });
    await fireEvent.click(await screen.findByLabelText("Export Story 2"));
    await fireEvent.click(screen.getByText("Choose folder…"));
    await fireEvent.click(await screen.findByText("Export 2"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Exported 2 stories to /out"));
    expect(ipc.planExport).toHaveBeenCalledWith([1, 3], "html", "/out");
    expect(ipc.exportStoryFile.mock.calls).toEqual([
      [1, "html", "/out/Story-1.html"],
      [2, "html", "/out/Story-2.html"],
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
    expect(await screen.findByText(/1 file\(s\) already exist/)).toBeTruthy();
    expect(ipc.exportStoryFile).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByText("Overwrite them"));
    await fireEvent.click(await screen.findByTestId("batch-cancel"));
    release();
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Cancelled after 1 of 3"));
    expect(ipc.exportStoryFile).toHaveBeenCalledTimes(1);
  });
});
