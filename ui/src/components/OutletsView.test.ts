import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = vi.hoisted(() => ({
  listOutlets: vi.fn(),
  saveOutlet: vi.fn(),
  deleteOutlet: vi.fn(),
  importOutletsFile: vi.fn(),
  exportOutletsFile: vi.fn(),
  chooseFile: vi.fn(),
  chooseExportPath: vi.fn(),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import OutletsView from "./OutletsView.svelte";
import { IpcFailure } from "../lib/ipc";

const bbc = { name: "BBC News", aliases: ["BBC"], domains: ["bbc.co.uk"], lr: 3, cp: 4, notes: "" };

describe("OutletsView", () => {
  afterEach(cleanup);
  beforeEach(() => Object.values(ipc).forEach((f) => f.mockReset()));

  it("lists outlets and saves an edit with parsed lists and ratings", async () => {
    ipc.listOutlets.mockResolvedValue([bbc]);
    ipc.saveOutlet.mockResolvedValue(undefined);
    const onchanged = vi.fn();
    render(OutletsView, { onchanged });
    expect((await screen.findByTestId("outlet-row")).textContent).toContain("BBC News");
    await fireEvent.click(screen.getByLabelText("Edit BBC News"));
    await fireEvent.input(screen.getByLabelText("Web domains, separated by ;"), { target: { value: "BBC.co.uk; bbc.com ;" } });
    await fireEvent.change(screen.getByLabelText("LR rating"), { target: { value: "2" } });
    await fireEvent.click(screen.getByText("Save outlet"));
    await waitFor(() => expect(ipc.saveOutlet).toHaveBeenCalled());
    expect(ipc.saveOutlet).toHaveBeenCalledWith("BBC News", { ...bbc, domains: ["bbc.co.uk", "bbc.com"], lr: 2 });
    expect(onchanged).toHaveBeenCalled();
  });

  it("shows the backend's reason when an import is refused", async () => {
    ipc.listOutlets.mockResolvedValue([]);
    ipc.chooseFile.mockResolvedValue("/tmp/o.csv");
    ipc.importOutletsFile.mockRejectedValue(new IpcFailure({ code: "bad-input", message: "/tmp/o.csv: line 3: lr must be empty or 1-5" }));
    render(OutletsView, { onchanged: vi.fn() });
    await fireEvent.click(await screen.findByText("Import CSV…"));
    expect((await screen.findByRole("alert")).textContent).toContain("line 3");
  });
});
