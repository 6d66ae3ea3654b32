import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Story } from "./bindings/Story";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = await vi.hoisted(async () => ({
  ...(await import("./test/coreMocks")).coreMocks(),
  listPage: vi.fn(),
  listCount: vi.fn(),
  storyStates: vi.fn(),
  searchStories: vi.fn(),
  createStory: vi.fn(),
  deleteStory: vi.fn(),
  untrashStory: vi.fn(),
  trashList: vi.fn(),
  emptyTrash: vi.fn(),
  outletNames: vi.fn(),
  lastStory: vi.fn(),
  rememberStory: vi.fn(),
  narrativePairs: vi.fn(),
  transition: vi.fn(),
  beforeWindowCloses: vi.fn(),
  startupNotices: vi.fn(),
  workflowSteps: vi.fn(),
  deskInfo: vi.fn(),
  heartbeat: vi.fn(),
  leaveDesk: vi.fn(),
  replayJournal: vi.fn(),
  discardKeptEdit: vi.fn(),
  onDeskChanged: vi.fn(),
  onDeskStatus: vi.fn(),
  importStoryText: vi.fn(),
}));
vi.mock("./lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("./lib/ipc")>("./lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import App from "./App.svelte";
import { IpcFailure } from "./lib/ipc";
import { notices } from "./lib/notices.svelte";
import { analysis as coreAnalysis, storedStory, summary } from "./test/fixtures";
import { fakeCore } from "./test/workingCore";

const stored = (id: number, headline: string) => storedStory(id, headline);
type Row = ReturnType<typeof summary>;
/** The core's count of the list, as `list_count` answers it (the line is the core's). */
const count = (total: number) => ({ total, line: total === 0 ? "No stories yet. Create one, or import a story file." : `${total} stories` });
/** A core that answers list pages from `rows` (filtered by state). */
const serve = (rows: Row[], unreadable: { id: number | null; problem: string }[] = [], problem?: string) =>
  {
    const kept = (req: { status: string | null }) => rows.filter((r) => !req.status || r.status === req.status);
    ipc.listCount.mockImplementation(async (req: { status: string | null }) => count(kept(req).length));
    ipc.listPage.mockImplementation(async (req: { status: string | null; offset: number; limit: number }) => {
      const all = kept(req);
      return { listing: { stories: all.slice(req.offset, req.offset + req.limit), unreadable }, more: all.length > req.offset + req.limit, ...(problem ? { problem } : {}) };
    });
  }
const analysis = coreAnalysis({ publishable: false });
analysis.counts.story_line = "Core: the story's count";

describe("App", () => {
  afterEach(() => {
    cleanup();
    notices.dismissAll();
  });
  beforeEach(() => {
    Object.values(ipc).forEach((f) => f.mockReset());
    fakeCore(ipc);
    ipc.outletNames.mockResolvedValue(["Reuters"]);
    ipc.beforeWindowCloses.mockResolvedValue(undefined);
    ipc.analyzeStory.mockResolvedValue(analysis);
    ipc.startupNotices.mockResolvedValue([]);
    ipc.deskInfo.mockResolvedValue({ server: null, file: "/home/anna/desk.sqlite3", chosen: null });
    ipc.workflowSteps.mockResolvedValue([]);
    ipc.listCount.mockResolvedValue(count(0));
    ipc.storyStates.mockResolvedValue([
      { key: "draft", status: "draft", with_draft: false, label: "Draft" },
      { key: "published", status: "published", with_draft: false, label: "Published" },
    ]);
    ipc.lastStory.mockResolvedValue(null);
    ipc.rememberStory.mockResolvedValue(undefined);
    ipc.narrativePairs.mockResolvedValue({ establishment: { first: "Establishment-critical", second: "Pro-establishment" }, used: [] });
  });

  it("opens an imported story and says what the core says the import changed", async () => {
    serve([]);
    const imported = stored(5, "Pasted story");
    ipc.importStoryText.mockResolvedValue({ stored: imported, notes: ["a note"], said: "Core: imported as a new draft." });
    render(App);
    await fireEvent.click(await screen.findByTestId("import"));
    await fireEvent.input(await screen.findByTestId("paste-text"), { target: { value: "Pasted story" } });
    await fireEvent.click(screen.getByTestId("paste-import"));
    await waitFor(() => expect((screen.getByLabelText("Headline") as HTMLInputElement).value).toBe("Pasted story"));
    expect(ipc.importStoryText).toHaveBeenCalledWith("Pasted story");
    expect((await screen.findByTestId("notice")).textContent).toContain("Core: imported as a new draft.");
  });

  it("lists stories with the core's state labels, filters by state and opens the chosen one", async () => {
    serve([summary(3, "Third story", "published", true), summary(2, "Second story", "published"), summary(1, "First story", "draft")]);
    ipc.getStory.mockResolvedValue(stored(1, "First story"));
    render(App);
    const items = await screen.findAllByTestId("story-item");
    expect(items.map((i) => i.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "Third story Published with a draft",
      "Second story Published",
      "First story Draft",
    ]);
    expect(screen.getByTestId("list-count").textContent).toBe("3 stories");
    await screen.findByRole("option", { name: "Published" });
    await fireEvent.change(screen.getByTestId("state-filter"), { target: { value: "published" } });
    await waitFor(() => expect(screen.getAllByTestId("story-item").map((i) => i.dataset.storyId)).toEqual(["3", "2"]));
    expect(ipc.listPage).toHaveBeenLastCalledWith(expect.objectContaining({ status: "published", offset: 0, sort: "updated" }));
    await fireEvent.change(screen.getByTestId("state-filter"), { target: { value: "" } });
    await waitFor(() => expect(screen.getAllByTestId("story-item")).toHaveLength(3));
    await fireEvent.click(screen.getAllByTestId("story-item")[2]);
    await waitFor(() => expect((screen.getByLabelText("Headline") as HTMLInputElement).value).toBe("First story"));
    expect(ipc.getStory).toHaveBeenCalledWith(1);
    expect((await screen.findByTestId("story-count")).textContent).toBe("Core: the story's count");
  });

  it("refreshes the list in place after a save: the rows stay while the new page and count are on their way", async () => {
    const listed = [summary(2, "Second story", "draft"), summary(1, "First story", "draft")];
    serve(listed);
    ipc.getStory.mockResolvedValue(stored(1, "First story"));
    ipc.saveStory.mockImplementation(async (_id: number, version: number, story: Story) => ({ ...stored(1, story.headline), version: version + 1 }));
    render(App);
    await screen.findAllByTestId("story-item");
    await fireEvent.click(screen.getAllByTestId("story-item")[1]);
    const headline = (await screen.findByLabelText("Headline")) as HTMLInputElement;
    await waitFor(() => expect(headline.value).toBe("First story"));
    let answer: () => void = () => {};
    const waiting = new Promise<void>((r) => (answer = r));
    const page = ipc.listPage.getMockImplementation();
    ipc.listPage.mockImplementation(async (req: never) => (await waiting, page?.(req)));
    ipc.listCount.mockImplementation(async () => (await waiting, count(2)));
    ipc.listPage.mockClear();
    await fireEvent.input(headline, { target: { value: "First story, edited" } });
    await waitFor(() => expect(ipc.saveStory).toHaveBeenCalled(), { timeout: 3000 });
    await waitFor(() => expect(ipc.listPage).toHaveBeenCalled());
    expect(screen.getAllByTestId("story-item").map((i) => i.dataset.storyId)).toEqual(["2", "1"]);
    expect(screen.getByTestId("list-count").textContent).toBe("2 stories");
    // The saved story comes first now: its row moves there, the same element.
    const second = screen.getAllByTestId("story-item")[0];
    listed.reverse();
    answer();
    await waitFor(() => expect(screen.getAllByTestId("story-item").map((i) => i.dataset.storyId)).toEqual(["1", "2"]));
    expect(screen.getAllByTestId("story-item")[1]).toBe(second);
  });

  it("searches as the editor types (Ctrl+K), drops late answers and opens a hit with Enter", async () => {
    serve([summary(1, "Kyiv", "draft"), summary(2, "Seoul", "draft")]);
    let late: (v: unknown) => void = () => {};
    ipc.searchStories.mockImplementationOnce(() => new Promise((r) => (late = r)));
    ipc.searchStories.mockResolvedValueOnce({
      hits: [
        { id: 2, headline: "Seoul", status: "draft", date: "2026-11-23T10:00:00Z", field: "fact 1", target: { kind: "story", field: "headline" }, snippet: [{ text: "in ", hit: false }, { text: "Seoul", hit: true }] },
      ],
      total: 1,
      line: "1 of 1 story",
    });
    ipc.getStory.mockResolvedValue(stored(2, "Seoul"));
    render(App);
    await screen.findAllByTestId("story-item");
    await fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    const box = screen.getByLabelText("Search stories");
    expect(document.activeElement).toBe(box);
    await fireEvent.input(box, { target: { value: "se" } });
    await new Promise((r) => setTimeout(r, 200));
    await fireEvent.input(box, { target: { value: "seoul" } });
    const hit = await screen.findByTestId("search-hit");
    expect(hit.textContent).toContain("fact 1: in Seoul");
    expect(hit.querySelector("mark")?.textContent).toBe("Seoul");
    late({ hits: [], total: 0, line: "No story matches." });
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getAllByTestId("search-hit")).toHaveLength(1);
    await fireEvent.keyDown(box, { key: "Enter" });
    await waitFor(() => expect(ipc.getStory).toHaveBeenCalledWith(2));
  });

  it("creates a story with Ctrl+N and adds a fact with Ctrl+Enter", async () => {
    serve([]);
    ipc.createStory.mockResolvedValue(stored(3, ""));
    render(App);
    await screen.findByTestId("empty");
    serve([summary(3, "", "draft")]);
    await fireEvent.keyDown(window, { key: "n", ctrlKey: true });
    await waitFor(() => expect(document.activeElement?.id).toBe("story-headline"));
    await fireEvent.keyDown(window, { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(screen.getAllByTestId("fact")).toHaveLength(1));
    await waitFor(() => expect(document.activeElement?.id).toMatch(/^fact-[0-9a-f-]{36}$/));
  });

  it("deletes into the trash, and undo brings back the same story", async () => {
    serve([summary(1, "Doomed", "draft")]);
    ipc.getStory.mockResolvedValue(stored(1, "Doomed"));
    const said = "Moved “Doomed” to the trash; it is kept there for 30 days unless you restore it.";
    ipc.deleteStory.mockResolvedValue({ id: 1, uid: "u", headline: "Doomed", deleted_at: "", deleted_by: "anna", purge_after: "", said });
    ipc.untrashStory.mockResolvedValue({ stored: stored(1, "Doomed"), said: "Restored “Doomed” from the trash." });
    render(App);
    await fireEvent.click(await screen.findByTestId("story-item"));
    await fireEvent.click(await screen.findByTestId("delete-story"));
    expect(await screen.findByText(said)).toBeTruthy();
    await fireEvent.click(await screen.findByTestId("notice-undo"));
    await waitFor(() => expect(ipc.untrashStory).toHaveBeenCalledWith(1));
    expect(await screen.findByText("Restored “Doomed” from the trash.")).toBeTruthy();
  });

  it("lists the trash and restores a story from it", async () => {
    serve([]);
    const row = { id: 7, uid: "u7", headline: "Old draft", deleted_at: "2026-12-01T10:00:00Z", deleted_by: "ben", purge_after: "2026-12-31T10:00:00Z", said: "" };
    ipc.trashList.mockResolvedValue({ stories: [row], emptying: "Delete 1 story and its history for good? (the core's words)" });
    ipc.untrashStory.mockResolvedValue({ stored: stored(7, "Old draft"), said: "Restored “Old draft” from the trash." });
    ipc.getStory.mockResolvedValue(stored(7, "Old draft"));
    render(App);
    await fireEvent.click(await screen.findByTestId("view-trash"));
    expect((await screen.findByTestId("trash-row")).textContent).toContain("Old draft");
    await fireEvent.click(screen.getByTestId("trash-restore"));
    await waitFor(() => expect(ipc.untrashStory).toHaveBeenCalledWith(7));
    expect(await screen.findByText("Restored “Old draft” from the trash.")).toBeTruthy();
  });

  it("asks the core's question before emptying the trash and says what the core says after", async () => {
    serve([]);
    const row = { id: 7, uid: "u7", headline: "Old draft", deleted_at: "2026-12-01T10:00:00Z", deleted_by: "ben", purge_after: "2026-12-31T10:00:00Z", said: "" };
    ipc.trashList.mockResolvedValue({ stories: [row], emptying: "Delete 1 story and its history for good? (the core's words)" });
    ipc.emptyTrash.mockResolvedValue({ count: 1, said: "1 story deleted for good. (the core's words)" });
    render(App);
    await fireEvent.click(await screen.findByTestId("view-trash"));
    await screen.findByTestId("trash-row");
    await fireEvent.click(screen.getByTestId("trash-empty"));
    expect((await screen.findByTestId("trash-confirm")).textContent).toContain("Delete 1 story and its history for good? (the core's words)");
    ipc.trashList.mockResolvedValue({ stories: [], emptying: "" });
    await fireEvent.click(screen.getByTestId("trash-empty-confirm"));
    expect(await screen.findByText("1 story deleted for good. (the core's words)")).toBeTruthy();
  });

  describe("on a team database", () => {
    type Changed = (changes: { story: number; version: number; by: string; kind: string; status: string }[]) => void;
    type Status = (s: { online: boolean; message: string }) => void;
    let changed: Changed = () => {};
    let status: Status = () => {};
    beforeEach(() => {
      ipc.deskInfo.mockResolvedValue({ server: "postgres://anna@db.example/desk", file: null, chosen: null });
      ipc.heartbeat.mockResolvedValue({
        others: [{ editor: "Ben", story: 1 }],
        editing: [{ story: 1, names: ["Ben"], line: "Ben is editing this story too." }],
      });
      ipc.replayJournal.mockResolvedValue([]);
      ipc.leaveDesk.mockResolvedValue(undefined);
      ipc.onDeskChanged.mockImplementation(async (f: Changed) => ((changed = f), () => {}));
      ipc.onDeskStatus.mockImplementation(async (f: Status) => ((status = f), () => {}));
      serve([summary(1, "First story", "draft")]);
      ipc.lastStory.mockResolvedValue(1);
    });

    it("shows who else has the story open, in the list and over the form", async () => {
      ipc.getStory.mockResolvedValue(stored(1, "First story"));
      render(App);
      expect((await screen.findByTestId("presence")).textContent).toBe("Ben is editing this story too.");
      const tag = await screen.findByTestId("story-editing");
      expect(tag.textContent).toBe("✎ Ben");
      expect(tag.getAttribute("title")).toBe("Ben is editing this story too.");
    });

    it("follows a colleague's save, or makes it a conflict naming them when there are edits here", async () => {
      ipc.getStory.mockResolvedValue(stored(1, "First story"));
      render(App);
      const headline = (await screen.findByLabelText("Headline")) as HTMLInputElement;
      await waitFor(() => expect(headline.value).toBe("First story"));
      const theirs = stored(1, "Ben's headline");
      theirs.version = 4;
      ipc.getStory.mockResolvedValue(theirs);
      changed([{ story: 1, version: 4, by: "Ben", kind: "edit", status: "draft" }]);
      await waitFor(() => expect(headline.value).toBe("Ben's headline"));
      expect((await screen.findByTestId("notice")).textContent).toContain("Ben saved this story; you now see their version.");

      ipc.saveStory.mockRejectedValue(new IpcFailure({ code: "conflict", message: "stale" }));
      await fireEvent.input(headline, { target: { value: "My headline" } });
      changed([{ story: 1, version: 5, by: "Ben", kind: "edit", status: "draft" }]);
      expect((await screen.findByTestId("conflict")).textContent).toContain("saved by Ben since you opened it");
      expect(headline.value).toBe("My headline");
      // Taking the saved story drops the edit kept on this computer too.
      ipc.discardKeptEdit.mockResolvedValue(undefined);
      await fireEvent.click(screen.getByText("Reload the saved story"));
      await waitFor(() => expect(ipc.discardKeptEdit).toHaveBeenCalledWith(1));
      await waitFor(() => expect(screen.queryByTestId("conflict")).toBeNull());
    });

    it("says when the server is away, keeps saving to this computer, and saves what was kept when it is back", async () => {
      ipc.getStory.mockResolvedValue(stored(1, "First story"));
      ipc.saveStory.mockRejectedValue(new IpcFailure({ code: "offline", message: "cannot be reached" }));
      render(App);
      const headline = (await screen.findByLabelText("Headline")) as HTMLInputElement;
      await waitFor(() => expect(headline.value).toBe("First story"));
      status({ online: false, message: "The team database postgres://anna@db.example/desk cannot be reached (connection refused)" });
      expect((await screen.findByTestId("offline")).textContent).toContain("cannot be reached (connection refused). Your edits are kept on this computer");
      await fireEvent.input(headline, { target: { value: "Typed offline" } });
      await waitFor(() => expect(screen.getByTestId("save-state").textContent).toBe("Kept locally"), { timeout: 3000 });
      ipc.replayJournal.mockResolvedValue([{ story: 1, copy: null, message: "Your edits to “Typed offline” … are saved." }]);
      ipc.saveStory.mockImplementation(async (_id: number, _v: number, story: { headline: string }) => {
        const s = stored(1, story.headline);
        s.version = 5;
        return s;
      });
      status({ online: true, message: "back" });
      await waitFor(() => expect(screen.queryByTestId("offline")).toBeNull());
      await waitFor(() => expect(ipc.replayJournal).toHaveBeenCalledTimes(2));
      expect((await screen.findAllByTestId("notice")).map((n) => n.textContent).join(" ")).toContain("are saved");
      await waitFor(() => expect(screen.getByTestId("save-state").textContent).toMatch(/^Saved/), { timeout: 5000 });
    });
  });

  it("shows backend errors", async () => {
    ipc.listPage.mockRejectedValueOnce(new IpcFailure({ code: "database", message: "disk I/O error" }));
    render(App);
    expect((await screen.findByRole("alert")).textContent).toContain("disk I/O error");
  });

  it("lists the readable stories and names the ones that cannot be read", async () => {
    const said = "1 story cannot be read (story 7: unexpected timestamp \"yesterday\"). The core's words.";
    serve([summary(1, "Fine story", "draft")], [{ id: 7, problem: "unexpected timestamp \"yesterday\"" }], said);
    render(App);
    expect(await screen.findAllByTestId("story-item")).toHaveLength(1);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(said);
  });

  it("shows what happened to the database at start", async () => {
    serve([]);
    ipc.startupNotices.mockResolvedValue(["The database was updated; a copy is kept at /x/backup.sqlite3."]);
    render(App);
    expect((await screen.findByRole("status")).textContent).toContain("a copy is kept at /x/backup.sqlite3");
  });

  it("reopens the story that was open last, and remembers each story opened", async () => {
    serve([summary(1, "First", "draft"), summary(2, "Second", "draft")]);
    ipc.lastStory.mockResolvedValue(2);
    ipc.getStory.mockImplementation(async (id: number) => stored(id, id === 1 ? "First" : "Second"));
    render(App);
    await waitFor(() => expect((screen.getByLabelText("Headline") as HTMLInputElement).value).toBe("Second"));
    expect(ipc.rememberStory).toHaveBeenLastCalledWith(2);
    await fireEvent.click((await screen.findAllByTestId("story-item"))[0]);
    await waitFor(() => expect(ipc.rememberStory).toHaveBeenLastCalledWith(1));
  });

  it("keeps a story's notice with that story", async () => {
    serve([summary(1, "First", "draft"), summary(2, "Second", "draft")]);
    ipc.getStory.mockImplementation(async (id: number) => stored(id, id === 1 ? "First" : "Second"));
    render(App);
    await fireEvent.click((await screen.findAllByTestId("story-item"))[0]);
    await waitFor(() => expect((screen.getByLabelText("Headline") as HTMLInputElement).value).toBe("First"));
    notices.say("story:1", "Published.");
    expect((await screen.findByTestId("notice")).textContent).toContain("Published.");
    await fireEvent.click(screen.getAllByTestId("story-item")[1]);
    await waitFor(() => expect((screen.getByLabelText("Headline") as HTMLInputElement).value).toBe("Second"));
    expect(screen.queryByTestId("notice")).toBeNull();
    await fireEvent.click(screen.getAllByTestId("story-item")[0]);
    expect((await screen.findByTestId("notice")).textContent).toContain("Published.");
  });
});
