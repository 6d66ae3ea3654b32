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
  findOutlet: vi.fn(),
  restoreOutlets: vi.fn(),
  listFeeds: vi.fn((): Promise<Feed[]> => Promise.resolve([])),
  addFeed: vi.fn(),
  removeFeed: vi.fn(),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import OutletsView from "./OutletsView.svelte";
import type { Feed } from "../bindings/Feed";
import NoticeBar from "./NoticeBar.svelte";
import { IpcFailure } from "../lib/ipc";
import { notices } from "../lib/notices.svelte";

const bbc = { name: "BBC News", aliases: ["BBC"], domains: ["bbc.co.uk"], lr: 3, cp: 4, notes: "" };

describe("OutletsView", () => {
  afterEach(() => {
    cleanup();
    notices.dismissAll();
  });
  beforeEach(() => Object.values(ipc).forEach((f) => f.mockReset()));

  it("lists outlets and saves an edit with parsed lists and ratings", async () => {
    ipc.listOutlets.mockResolvedValue([bbc]);
    ipc.saveOutlet.mockResolvedValue("Core: saved BBC News.");
    const onchanged = vi.fn();
    render(OutletsView, { onchanged });
    render(NoticeBar, { scope: "view:outlets" });
    expect((await screen.findByTestId("outlet-row")).textContent).toContain("BBC News");
    await fireEvent.click(screen.getByLabelText("Edit BBC News"));
    await fireEvent.input(screen.getByLabelText("Web domains, separated by ;"), { target: { value: "BBC.co.uk; bbc.com ;" } });
    await fireEvent.change(screen.getByLabelText("LR rating"), { target: { value: "2" } });
    await fireEvent.click(screen.getByText("Save outlet"));
    await waitFor(() => expect(ipc.saveOutlet).toHaveBeenCalled());
    expect(ipc.saveOutlet).toHaveBeenCalledWith("BBC News", { ...bbc, domains: ["BBC.co.uk", "bbc.com"], lr: 2 });
    expect((await screen.findByTestId("notice")).textContent).toContain("Core: saved BBC News.");
    expect(onchanged).toHaveBeenCalled();
  });

  it("refuses a name the registry has in another case and offers to edit that outlet", async () => {
    ipc.listOutlets.mockResolvedValue([bbc]);
    ipc.saveOutlet.mockRejectedValue(new IpcFailure({ code: "outlet-exists", message: "the registry already has \"BBC News\"" }));
    ipc.findOutlet.mockResolvedValue(bbc);
    render(OutletsView, { onchanged: vi.fn() });
    render(NoticeBar, { scope: "view:outlets" });
    await fireEvent.click(await screen.findByTestId("add-outlet"));
    await fireEvent.input(screen.getByLabelText("Outlet name"), { target: { value: "bbc news" } });
    await fireEvent.click(screen.getByText("Save outlet"));
    expect((await screen.findByTestId("outlet-taken")).textContent).toContain("already has BBC News");
    expect(ipc.findOutlet).toHaveBeenCalledWith("bbc news");
    expect(notices.visible("view:outlets"), "one message, not a red line beside the banner").toEqual([]);
    await fireEvent.click(screen.getByTestId("edit-taken"));
    expect((screen.getByLabelText("Outlet name") as HTMLInputElement).value).toBe("BBC News");
    expect((screen.getByLabelText("Web domains, separated by ;") as HTMLInputElement).value).toBe("bbc.co.uk");
    expect(screen.queryByTestId("outlet-taken")).toBeNull();
  });

  it("says what a delete did and undoes it by putting the registry back", async () => {
    ipc.listOutlets.mockResolvedValue([bbc]);
    ipc.deleteOutlet.mockResolvedValue("Core: deleted BBC News.");
    ipc.restoreOutlets.mockResolvedValue("Core: undone.");
    const onchanged = vi.fn();
    render(OutletsView, { onchanged });
    render(NoticeBar, { scope: "view:outlets" });
    await fireEvent.click(await screen.findByLabelText("Delete BBC News"));
    expect((await screen.findByTestId("notice")).textContent).toContain("Core: deleted BBC News.");
    await fireEvent.click(screen.getByTestId("notice-undo"));
    await waitFor(() => expect(ipc.restoreOutlets).toHaveBeenCalledWith([bbc]));
    expect((await screen.findByTestId("notice")).textContent).toContain("Core: undone.");
    expect(onchanged).toHaveBeenCalledTimes(2);
  });

  it("shows the backend's reason when an import is refused", async () => {
    ipc.listOutlets.mockResolvedValue([]);
    ipc.chooseFile.mockResolvedValue("/tmp/o.csv");
    ipc.importOutletsFile.mockRejectedValue(new IpcFailure({ code: "bad-input", message: "/tmp/o.csv: line 3: lr must be empty or 1-5" }));
    render(OutletsView, { onchanged: vi.fn() });
    render(NoticeBar, { scope: "view:outlets" });
    await fireEvent.click(await screen.findByText("Import CSV…"));
    expect((await screen.findByRole("alert")).textContent).toContain("line 3");
  });

  it("says what the core says after an import", async () => {
    ipc.listOutlets.mockResolvedValue([]);
    ipc.chooseFile.mockResolvedValue("/tmp/o.csv");
    ipc.importOutletsFile.mockResolvedValue("Imported 3 outlets. (the core's words)");
    render(OutletsView, { onchanged: vi.fn() });
    render(NoticeBar, { scope: "view:outlets" });
    await fireEvent.click(await screen.findByText("Import CSV…"));
    expect(await screen.findByText("Imported 3 outlets. (the core's words)")).toBeTruthy();
  });

  it("lists the outlets' feeds, adds one under a registry outlet and shows the core's refusal", async () => {
    ipc.listOutlets.mockResolvedValue([bbc]);
    const feed: Feed = { outlet: "BBC News", url: "https://feeds.bbc.co.uk/news/world/rss.xml", addedAt: "2026-12-06T10:00:00Z", pulledAt: null, outcome: null };
    ipc.listFeeds.mockResolvedValueOnce([]).mockResolvedValue([feed]);
    ipc.addFeed.mockResolvedValueOnce(feed).mockRejectedValueOnce(
      new IpcFailure({ code: "bad-input", message: "the feed https://feeds.bbc.co.uk/news/world/rss.xml is already on the desk, under BBC News" }),
    );
    render(OutletsView, { onchanged: vi.fn() });
    render(NoticeBar, { scope: "view:outlets" });
    await screen.findByText(/No feeds yet/);
    const select = (await screen.findByTestId("feed-outlet")) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(2));
    await fireEvent.change(select, { target: { value: "BBC News" } });
    await fireEvent.input(screen.getByTestId("feed-url"), { target: { value: feed.url } });
    await fireEvent.click(screen.getByTestId("feed-add"));
    await waitFor(() => expect(ipc.addFeed).toHaveBeenCalledWith("BBC News", feed.url));
    expect((await screen.findAllByTestId("feed-row"))[0].textContent).toContain("never");
    await fireEvent.input(screen.getByTestId("feed-url"), { target: { value: feed.url } });
    await fireEvent.click(screen.getByTestId("feed-add"));
    expect(await screen.findByText(/already on the desk, under BBC News/)).toBeTruthy();
  });
});
