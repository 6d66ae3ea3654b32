import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = vi.hoisted(() => ({
  listStories: vi.fn(),
  getStory: vi.fn(),
  createStory: vi.fn(),
  deleteStory: vi.fn(),
  restoreStory: vi.fn(),
  analyzeStory: vi.fn(),
  saveStory: vi.fn(),
  outletNames: vi.fn(),
  newId: vi.fn(),
  beforeWindowCloses: vi.fn(),
  startupNotices: vi.fn(),
  workflowSteps: vi.fn(),
}));
vi.mock("./lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("./lib/ipc")>("./lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import App from "./App.svelte";
import { IpcFailure } from "./lib/ipc";
import { storedStory, summary } from "./test/fixtures";

const stored = (id: number, headline: string) => storedStory(id, headline);
const listing = (stories: ReturnType<typeof summary>[], unreadable: { id: number | null; problem: string }[] = []) => ({
  stories,
  unreadable,
});
const analysis = { publishable: false, headline_chars: 0, headline_max: 200, sources: [], findings: [] };

describe("App", () => {
  afterEach(cleanup);
  beforeEach(() => {
    Object.values(ipc).forEach((f) => f.mockReset());
    ipc.outletNames.mockResolvedValue(["Reuters"]);
    ipc.beforeWindowCloses.mockResolvedValue(undefined);
    ipc.startupNotices.mockResolvedValue([]);
    ipc.workflowSteps.mockResolvedValue([]);
    ipc.analyzeStory.mockResolvedValue(analysis);
    let n = 0;
    ipc.newId.mockImplementation(async () => `id-${++n}`);
  });

  it("lists stories with the core's state labels, filters by state and opens the chosen one", async () => {
    ipc.listStories.mockResolvedValue(
      listing([summary(3, "Third story", "published", true), summary(2, "Second story", "published"), summary(1, "First story", "draft")]),
    );
    ipc.getStory.mockResolvedValue(stored(1, "First story"));
    render(App);
    const items = await screen.findAllByTestId("story-item");
    expect(items.map((i) => i.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "Published with a draft Third story",
      "Published Second story",
      "Draft First story",
    ]);
    await fireEvent.change(screen.getByTestId("state-filter"), { target: { value: "Published with a draft" } });
    expect(screen.getAllByTestId("story-item").map((i) => i.dataset.storyId)).toEqual(["3"]);
    await fireEvent.change(screen.getByTestId("state-filter"), { target: { value: "" } });
    await fireEvent.click(screen.getAllByTestId("story-item")[2]);
    await waitFor(() => expect((screen.getByLabelText("Headline") as HTMLInputElement).value).toBe("First story"));
    expect(ipc.getStory).toHaveBeenCalledWith(1);
  });

  it("filters as the editor types and focuses the filter on Ctrl+F", async () => {
    ipc.listStories.mockResolvedValue(listing([summary(1, "Kyiv", "draft"), summary(2, "Seoul", "draft")]));
    render(App);
    await screen.findAllByTestId("story-item");
    await fireEvent.keyDown(window, { key: "f", ctrlKey: true });
    const filter = screen.getByLabelText("Filter stories by headline");
    expect(document.activeElement).toBe(filter);
    await fireEvent.input(filter, { target: { value: "seo" } });
    const items = screen.getAllByTestId("story-item");
    expect(items).toHaveLength(1);
    expect(items[0].textContent).toContain("Seoul");
  });

  it("creates a story with Ctrl+N and adds a fact with Ctrl+Enter", async () => {
    ipc.listStories.mockResolvedValueOnce(listing([])).mockResolvedValue(listing([summary(3, "", "draft")]));
    ipc.createStory.mockResolvedValue(stored(3, ""));
    render(App);
    await screen.findByTestId("empty");
    await fireEvent.keyDown(window, { key: "n", ctrlKey: true });
    await waitFor(() => expect(document.activeElement?.id).toBe("story-headline"));
    await fireEvent.keyDown(window, { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(screen.getAllByTestId("fact")).toHaveLength(1));
    expect(document.activeElement?.id).toBe("fact-id-1");
  });

  it("deletes with undo", async () => {
    ipc.listStories.mockResolvedValueOnce(listing([summary(1, "Doomed", "draft")])).mockResolvedValue(listing([]));
    ipc.getStory.mockResolvedValue(stored(1, "Doomed"));
    ipc.deleteStory.mockResolvedValue(stored(1, "Doomed").story);
    ipc.restoreStory.mockResolvedValue(stored(4, "Doomed"));
    render(App);
    await fireEvent.click(await screen.findByTestId("story-item"));
    await fireEvent.click(await screen.findByTestId("delete-story"));
    await fireEvent.click(await screen.findByTestId("undo-delete"));
    await waitFor(() => expect(ipc.restoreStory).toHaveBeenCalledWith(stored(1, "Doomed").story));
  });

  it("shows backend errors", async () => {
    ipc.listStories.mockRejectedValueOnce(new IpcFailure({ code: "database", message: "disk I/O error" }));
    render(App);
    expect((await screen.findByRole("alert")).textContent).toContain("disk I/O error");
  });

  it("lists the readable stories and names the ones that cannot be read", async () => {
    ipc.listStories.mockResolvedValue(
      listing([summary(1, "Fine story", "draft")], [{ id: 7, problem: "unexpected timestamp \"yesterday\"" }]),
    );
    render(App);
    expect(await screen.findAllByTestId("story-item")).toHaveLength(1);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("1 story cannot be read (story 7: unexpected timestamp");
  });

  it("shows what happened to the database at start", async () => {
    ipc.listStories.mockResolvedValue(listing([]));
    ipc.startupNotices.mockResolvedValue(["The database was updated; a copy is kept at /x/backup.sqlite3."]);
    render(App);
    expect((await screen.findByRole("status")).textContent).toContain("a copy is kept at /x/backup.sqlite3");
  });
});
