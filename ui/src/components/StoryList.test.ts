import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = await vi.hoisted(async () => ({
  ...(await import("../test/coreMocks")).coreMocks(),
  listPage: vi.fn(),
  listCount: vi.fn(),
  storyStates: vi.fn(),
  searchStories: vi.fn(),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import StoryList from "./StoryList.svelte";
import type { ListRequest } from "../bindings/ListRequest";
import { summary } from "../test/fixtures";

const props = {
  selected: null,
  revision: 0,
  onselect: vi.fn(),
  onnew: vi.fn(),
  onduplicate: vi.fn(),
  ondelete: vi.fn(),
  onbatch: vi.fn(),
  onbackups: vi.fn(),
  onsettings: vi.fn(),
  deskView: null,
  ondeskview: vi.fn(),
  onunreadable: vi.fn(),
};

beforeEach(() => {
  ipc.listPage.mockResolvedValue({ stories: [], unreadable: [] });
  ipc.listCount.mockResolvedValue({ total: 0, line: "No stories yet. Create one, or import a story file." });
  ipc.storyStates.mockResolvedValue([]);
});
afterEach(cleanup);

describe("StoryList search", () => {
  it("says no story matches once a search with no hits has answered", async () => {
    ipc.searchStories.mockResolvedValue({ hits: [], total: 0, line: "No story matches." });
    render(StoryList, props);
    await fireEvent.input(screen.getByTestId("search"), { target: { value: "status:published" } });
    await waitFor(() => expect(screen.getByTestId("no-hits").textContent).toBe("No story matches."));
  });

  it("shows a query's error alone, with no search left pending under it", async () => {
    ipc.searchStories.mockRejectedValue(new Error('search: a quote (") is not closed'));
    render(StoryList, props);
    await fireEvent.input(screen.getByTestId("search"), { target: { value: '"unbalanced' } });
    await waitFor(() => expect(screen.getByTestId("list-problem").textContent).toContain("not closed"));
    expect(screen.queryByTestId("no-hits")).toBeNull();
    expect(screen.getByTestId("search-results").getAttribute("aria-busy")).toBe("false");
  });
});

describe("StoryList search pages", () => {
  it("counts every match and shows more than the first fifty on request", async () => {
    const hit = (id: number) => ({ id, headline: `Quokka ${id}`, status: "draft", date: "2026-12-01T00:00:00Z", field: "headline", target: null, snippet: [] });
    ipc.searchStories.mockImplementation(async (_q: string, offset: number, limit: number) => ({
      hits: Array.from({ length: Math.max(0, Math.min(limit, 120 - offset)) }, (_, i) => hit(offset + i + 1)),
      total: 120,
      line: `${Math.min(offset + limit, 120)} of 120 stories`,
    }));
    render(StoryList, props);
    await fireEvent.input(screen.getByTestId("search"), { target: { value: "quokka" } });
    await waitFor(() => expect(screen.getByTestId("hit-count").textContent).toContain("50 of 120 stories"));
    await fireEvent.click(screen.getByTestId("more-hits"));
    await waitFor(() => expect(screen.getAllByTestId("search-hit")).toHaveLength(100));
    expect(ipc.searchStories).toHaveBeenLastCalledWith("quokka", 50, 50);
    await fireEvent.click(screen.getByTestId("more-hits"));
    await waitFor(() => expect(screen.getByTestId("hit-count").textContent).toContain("120 of 120 stories"));
    expect(screen.queryByTestId("more-hits"), "nothing more to show").toBeNull();
  });
});

describe("StoryList filters", () => {
  it("starts a filtered list at its top, whatever was scrolled before", async () => {
    const TOTAL = 5000;
    ipc.listCount.mockResolvedValue({ total: TOTAL, line: "5,000 stories" });
    ipc.listPage.mockImplementation(async (req: ListRequest) => {
      const n = Math.max(0, Math.min(req.limit, TOTAL - req.offset));
      const stories = Array.from({ length: n }, (_, i) => summary(req.offset + i + 1, `Story ${req.offset + i + 1}`, "draft"));
      return { listing: { stories, unreadable: [] }, more: req.offset + n < TOTAL };
    });
    render(StoryList, props);
    await waitFor(() => expect(screen.getAllByTestId("story-item").length).toBeGreaterThan(0));
    const list = screen.getByTestId("story-list");
    list.scrollTop = 64 * 3000;
    await fireEvent.scroll(list);
    await waitFor(() => expect(ipc.listPage.mock.calls.some(([r]) => (r as ListRequest).offset >= 2900)).toBe(true));
    ipc.listPage.mockClear();
    await fireEvent.input(screen.getByTestId("outlet-filter"), { target: { value: "TASS" } });
    await waitFor(() => expect(ipc.listPage).toHaveBeenCalled());
    const offsets = ipc.listPage.mock.calls.map(([r]) => (r as ListRequest).offset);
    expect(offsets, "only the first page of the new list").toEqual([0]);
    expect(list.scrollTop).toBe(0);
    await waitFor(() => expect(screen.getAllByTestId("story-item")[0].textContent).toContain("Story 1"));
  });

  it("asks for the next page after the one before it, and by offset after a jump", async () => {
    const TOTAL = 5000;
    ipc.listCount.mockResolvedValue({ total: TOTAL, line: "5,000 stories" });
    ipc.listPage.mockImplementation(async (req: ListRequest) => {
      const start = req.from ? Number(req.from.id) : req.offset;
      const n = Math.max(0, Math.min(req.limit, TOTAL - start));
      const stories = Array.from({ length: n }, (_, i) => summary(start + i + 1, `Story ${start + i + 1}`, "draft"));
      const more = start + n < TOTAL;
      return { listing: { stories, unreadable: [] }, more, ...(more ? { next: { key: `k${start + n}`, id: start + n } } : {}) };
    });
    render(StoryList, props);
    await waitFor(() => expect(screen.getAllByTestId("story-item").length).toBeGreaterThan(0));
    const list = screen.getByTestId("story-list");
    list.scrollTop = 64 * 120;
    await fireEvent.scroll(list);
    await waitFor(() => expect(ipc.listPage.mock.calls.some(([r]) => (r as ListRequest).offset === 100)).toBe(true));
    const second = ipc.listPage.mock.calls.map(([r]) => r as ListRequest).find((r) => r.offset === 100);
    expect(second?.from).toEqual({ key: "k100", id: 100 });
    list.scrollTop = 64 * 3000;
    await fireEvent.scroll(list);
    await waitFor(() => expect(ipc.listPage.mock.calls.some(([r]) => (r as ListRequest).offset >= 2900)).toBe(true));
    const jump = ipc.listPage.mock.calls.map(([r]) => r as ListRequest).find((r) => r.offset >= 2900);
    expect(jump?.from, "a page whose predecessor is not loaded goes by offset").toBeUndefined();
    // The jump's next page waits for it and reads on from its cursor.
    await waitFor(() => expect(ipc.listPage.mock.calls.some(([r]) => (r as ListRequest).offset === jump!.offset + 100)).toBe(true));
    const after = ipc.listPage.mock.calls.map(([r]) => r as ListRequest).find((r) => r.offset === jump!.offset + 100);
    expect(after?.from).toEqual({ key: `k${jump!.offset + 100}`, id: jump!.offset + 100 });
  });

  it("asks for a page once while it is on its way, however often the list scrolls", async () => {
    const TOTAL = 5000;
    ipc.listCount.mockResolvedValue({ total: TOTAL, line: "5,000 stories" });
    const waiting: (() => void)[] = [];
    ipc.listPage.mockImplementation((req: ListRequest) => {
      const start = req.from ? Number(req.from.id) : req.offset;
      const stories = Array.from({ length: req.limit }, (_, i) => summary(start + i + 1, `Story ${start + i + 1}`, "draft"));
      const page = { listing: { stories, unreadable: [] }, more: true, next: { key: `k${start + req.limit}`, id: start + req.limit } };
      // The top answers at once; the pages a jump needs wait to be let go.
      if (start === 0) return Promise.resolve(page);
      return new Promise((resolve) => waiting.push(() => resolve(page)));
    });
    render(StoryList, props);
    await waitFor(() => expect(screen.getByTestId("list-count").textContent).toBe("5,000 stories"));
    const list = screen.getByTestId("story-list");
    ipc.listPage.mockClear();
    // A drag: a scroll event a frame, the view moving a little each time.
    for (let i = 0; i < 6; i++) {
      list.scrollTop = 64 * (3000 + i);
      await fireEvent.scroll(list);
    }
    const asked = () => ipc.listPage.mock.calls.map(([r]) => (r as ListRequest).offset).filter((o) => o >= 2900);
    await waitFor(() => expect(asked().length).toBeGreaterThan(0));
    expect(asked().sort()).toEqual([...new Set(asked())].sort());
    // Let go of each page as it is asked for: they are all drawn.
    await waitFor(() => {
      waiting.splice(0).forEach((go) => go());
      expect(screen.getAllByTestId("story-item").some((b) => b.textContent?.includes("Story 3001"))).toBe(true);
    });
  });

  it("refreshes the pages in view deep in the list when the stories change", async () => {
    const TOTAL = 5000;
    ipc.listCount.mockResolvedValue({ total: TOTAL, line: "5,000 stories" });
    let edited = false;
    ipc.listPage.mockImplementation(async (req: ListRequest) => {
      const start = req.from ? Number(req.from.id) : req.offset;
      const stories = Array.from({ length: req.limit }, (_, i) =>
        summary(start + i + 1, `${edited ? "Edited" : "Story"} ${start + i + 1}`, "draft"),
      );
      return { listing: { stories, unreadable: [] }, more: true, next: { key: `k${start + req.limit}`, id: start + req.limit } };
    });
    const { rerender } = render(StoryList, props);
    await waitFor(() => expect(screen.getByTestId("list-count").textContent).toBe("5,000 stories"));
    const list = screen.getByTestId("story-list");
    list.scrollTop = 64 * 3000;
    await fireEvent.scroll(list);
    await waitFor(() => expect(screen.getAllByTestId("story-item").some((b) => b.textContent?.includes("Story 3001"))).toBe(true));
    edited = true;
    await rerender({ ...props, revision: 1 });
    await waitFor(() => expect(screen.getAllByTestId("story-item").some((b) => b.textContent?.includes("Edited 3001"))).toBe(true));
  });

  it("offers Published with a draft and asks the core for exactly those stories", async () => {
    ipc.storyStates.mockResolvedValue([
      { key: "published", status: "published", with_draft: false, label: "Published" },
      { key: "published+draft", status: "published", with_draft: true, label: "Published with a draft" },
    ]);
    render(StoryList, props);
    const filter = screen.getByTestId("state-filter") as HTMLSelectElement;
    await waitFor(() => expect([...filter.options].map((o) => o.textContent)).toContain("Published with a draft"));
    ipc.listPage.mockClear();
    await fireEvent.change(filter, { target: { value: "published+draft" } });
    await waitFor(() => expect(ipc.listPage).toHaveBeenCalled());
    expect(ipc.listPage.mock.calls[0][0]).toMatchObject({ status: "published", with_draft: true });
  });
});

describe("StoryList rows", () => {
  it("draws the headline first and the state under it, whatever the state's length", async () => {
    const row = { ...summary(1, "Team desk meets the wire", "published"), has_draft: true, state_label: "Published with a draft" };
    ipc.listCount.mockResolvedValue({ total: 1, line: "1 story" });
    ipc.listPage.mockResolvedValue({ listing: { stories: [row], unreadable: [] }, more: false });
    render(StoryList, props);
    const item = await screen.findByTestId("story-item");
    const [headline, meta] = [...item.children];
    expect(headline.textContent).toBe("Team desk meets the wire");
    expect(meta.querySelector("[data-testid=story-state]")?.textContent).toBe("Published with a draft");
  });
});

describe("StoryList counts", () => {
  it("shows the core's line under the list, and instead of it when nothing is listed", async () => {
    ipc.listCount.mockResolvedValue({ total: 1, line: "1 story (the core's words)" });
    ipc.listPage.mockResolvedValue({ listing: { stories: [summary(1, "Grain corridor", "draft")], unreadable: [] }, more: false });
    render(StoryList, props);
    await waitFor(() => expect(screen.getByTestId("list-count").textContent).toBe("1 story (the core's words)"));
    cleanup();
    ipc.listCount.mockResolvedValue({ total: 0, line: "No story matches these filters." });
    ipc.listPage.mockResolvedValue({ listing: { stories: [], unreadable: [] }, more: false });
    render(StoryList, props);
    await waitFor(() => expect(screen.getByTestId("empty").textContent).toBe("No story matches these filters."));
    expect(screen.queryByTestId("list-count")).toBeNull();
  });
});

describe("StoryList start", () => {
  it("tells the core once, after the first list is drawn, that the window is up", async () => {
    let answer: (page: unknown) => void = () => {};
    ipc.listPage.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    ipc.listCount.mockResolvedValue({ total: 1, line: "1 story" });
    ipc.windowDrawn.mockClear();
    const { rerender } = render(StoryList, props);
    await new Promise((r) => setTimeout(r, 20));
    expect(ipc.windowDrawn).not.toHaveBeenCalled();
    answer({ listing: { stories: [summary(1, "Grain corridor", "draft")], unreadable: [] }, more: false });
    await screen.findByTestId("story-item");
    await waitFor(() => expect(ipc.windowDrawn).toHaveBeenCalledTimes(1));
    await rerender({ ...props, revision: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(ipc.windowDrawn).toHaveBeenCalledTimes(1);
  });
});
