import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = vi.hoisted(() => ({
  listStories: vi.fn(),
  exportStory: vi.fn(),
  getStory: vi.fn(),
}));
vi.mock("./lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("./lib/ipc")>("./lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import App from "./App.svelte";
import { IpcFailure } from "./lib/ipc";

const summary = (id: number, headline: string, status: "draft" | "published") => ({
  id,
  headline,
  status,
  updated_at: "2026-11-23T10:00:00Z",
});

describe("App", () => {
  afterEach(cleanup);
  beforeEach(() => {
    ipc.listStories.mockReset();
    ipc.exportStory.mockReset();
  });

  it("lists stories with status badges and shows the chosen one", async () => {
    ipc.listStories.mockResolvedValue([summary(2, "Second story", "published"), summary(1, "First story", "draft")]);
    ipc.exportStory.mockResolvedValue("First story\n\nFacts\n");
    render(App);
    const items = await screen.findAllByTestId("story-item");
    expect(items.map((i) => i.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "Published Second story",
      "Draft First story",
    ]);
    await fireEvent.click(items[1]);
    await waitFor(() => expect(screen.getByTestId("preview").textContent).toContain("First story"));
    expect(ipc.exportStory).toHaveBeenCalledWith(1, "itn");
  });

  it("filters as the editor types", async () => {
    ipc.listStories.mockResolvedValue([summary(1, "Kyiv", "draft"), summary(2, "Seoul", "draft")]);
    render(App);
    await screen.findAllByTestId("story-item");
    await fireEvent.input(screen.getByLabelText("Filter stories by headline"), { target: { value: "seo" } });
    const items = screen.getAllByTestId("story-item");
    expect(items).toHaveLength(1);
    expect(items[0].textContent).toContain("Seoul");
  });

  it("says so when there are no stories, and shows backend errors", async () => {
    ipc.listStories.mockResolvedValueOnce([]);
    render(App);
    expect(await screen.findByTestId("empty")).toBeTruthy();
    ipc.listStories.mockRejectedValueOnce(new IpcFailure({ code: "database", message: "disk I/O error" }));
    render(App);
    expect((await screen.findByRole("alert")).textContent).toContain("disk I/O error (database)");
  });
});
