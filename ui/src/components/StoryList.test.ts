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
  ipc.listCount.mockResolvedValue(0);
  ipc.storyStates.mockResolvedValue([]);
});
afterEach(cleanup);

describe("StoryList search", () => {
  it("says no story matches once a search with no hits has answered", async () => {
    ipc.searchStories.mockResolvedValue([]);
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

describe("StoryList filters", () => {
  it("starts a filtered list at its top, whatever was scrolled before", async () => {
    const TOTAL = 5000;
    ipc.listCount.mockResolvedValue(TOTAL);
    ipc.listPage.mockImplementation(async (req: ListRequest) => {
      const n = Math.max(0, Math.min(req.limit, TOTAL - req.offset));
      const stories = Array.from({ length: n }, (_, i) => summary(req.offset + i + 1, `Story ${req.offset + i + 1}`, "draft"));
      return { listing: { stories, unreadable: [] }, more: req.offset + n < TOTAL };
    });
    render(StoryList, props);
    await waitFor(() => expect(screen.getAllByTestId("story-item").length).toBeGreaterThan(0));
    const list = screen.getByTestId("story-list");
    list.scrollTop = 58 * 3000;
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
});
