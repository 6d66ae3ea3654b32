// axe-core over every view and dialog of the window, rendered with the
// core's real answers: no serious or critical violations. (Colour contrast
// needs a layout engine; the end-to-end tests run in the real window.)
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import axe from "axe-core";

const ipc = await vi.hoisted(async () => ({
  ...(await import("./test/coreMocks")).coreMocks(),
  listPage: vi.fn(),
  listCount: vi.fn(),
  storyStates: vi.fn(),
  reviewStory: vi.fn(),
  storyHistory: vi.fn(),
  outletNames: vi.fn(),
  listOutlets: vi.fn(),
  deskCoverage: vi.fn(),
  trashList: vi.fn(),
  beforeWindowCloses: vi.fn(),
  startupNotices: vi.fn(),
  workflowSteps: vi.fn(),
  deskInfo: vi.fn(),
  heartbeat: vi.fn(),
  leaveDesk: vi.fn(),
  replayJournal: vi.fn(),
  onDeskChanged: vi.fn(),
  onDeskStatus: vi.fn(),
  lastStory: vi.fn(),
  rememberStory: vi.fn(),
  narrativePairs: vi.fn(),
  exportFormats: vi.fn(),
  exportChoices: vi.fn(),
  gateResults: vi.fn(),
  getSettings: vi.fn(),
  auditLog: vi.fn(),
  listBackups: vi.fn(),
  wireEvents: vi.fn(),
  onWirePulled: vi.fn(),
  listFeeds: vi.fn(),
}));
vi.mock("./lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("./lib/ipc")>("./lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import App from "./App.svelte";
import { notices } from "./lib/notices.svelte";
import { pairRtl, seed, stored, type CoreAnswers } from "./test/core";
import { summary } from "./test/fixtures";
import { fakeCore } from "./test/workingCore";

async function serious(): Promise<string[]> {
  const result = await axe.run(document.body, { rules: { "color-contrast": { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

function serve(answers: CoreAnswers) {
  const rows = [summary(1, answers.story.headline, "draft"), summary(2, "Another story", "published")];
  ipc.listPage.mockResolvedValue({ listing: { stories: rows, unreadable: [] }, more: false });
  ipc.listCount.mockResolvedValue({ total: rows.length, line: `${rows.length} stories` });
  ipc.getStory.mockResolvedValue(stored(answers));
  ipc.analyzeStory.mockResolvedValue(answers.analysis);
  ipc.reviewStory.mockResolvedValue(answers.review);
  ipc.lastStory.mockResolvedValue(1);
}

async function openStory(answers: CoreAnswers) {
  serve(answers);
  render(App);
  await waitFor(() => expect((screen.getByLabelText("Headline") as HTMLInputElement).value).toBe(answers.story.headline));
  await screen.findAllByTestId("preview-fact");
}

// axe over several states of the whole window takes seconds, and many more
// on a loaded machine: each test gets a minute.
describe("accessibility", { timeout: 60_000 }, () => {
  afterEach(() => {
    cleanup();
    notices.dismissAll();
  });
  beforeEach(() => {
    Object.values(ipc).forEach((f) => f.mockReset());
    fakeCore(ipc);
    ipc.storyStates.mockResolvedValue([{ key: "draft", status: "draft", with_draft: false, label: "Draft" }]);
    ipc.outletNames.mockResolvedValue(["The Guardian"]);
    ipc.beforeWindowCloses.mockResolvedValue(undefined);
    ipc.startupNotices.mockResolvedValue([]);
    ipc.deskInfo.mockResolvedValue({ server: null, file: "/home/anna/desk.sqlite3", chosen: null });
    ipc.workflowSteps.mockResolvedValue([{ action: "submit", label: "Submit for review", allowed: false, needs_note: false, note_prompt: "", done: "Submitted for review.", detail: "fix the errors first" }]);
    ipc.rememberStory.mockResolvedValue(undefined);
    ipc.narrativePairs.mockResolvedValue({ establishment: { first: "Establishment-critical", second: "Pro-establishment" }, used: [{ first: "Pro-Ukraine", second: "Pro-Russia" }] });
    ipc.exportFormats.mockResolvedValue([{ format: "itn", label: "Plain text", extension: "txt", importable: true }]);
    ipc.exportChoices.mockResolvedValue([{ edition: "latest", label: "The working draft: edition 1" }]);
    ipc.gateResults.mockImplementation(async (ids: number[]) => ids.map((id) => ({ id, errors: id, warnings: 0, summary: id ? `${id} errors` : "Ready" })));
    ipc.getSettings.mockResolvedValue({
      editor: "Anna",
      display_name: "",
      team: false,
      role: "admin",
      who: "You are “Anna” on this computer's file.",
      second_editor_approval: true,
      may_change_rule: true,
    });
    ipc.auditLog.mockResolvedValue([]);
    ipc.listBackups.mockResolvedValue([{ path: "/x/desk.backup-daily-v6-20261124.sqlite3", reason: "daily", version: 6, taken_at: "2026-11-24T09:00:00Z", bytes: 40960 }]);
    const current = { version: 3, edition: 1, saved_at: "2026-11-24T10:00:00Z", editor: "Anna", kind: "explicit" as const, kind_label: "saved (Ctrl+S)", current: true };
    ipc.storyHistory.mockResolvedValue({
      editions: [{ number: 1, state: "draft", state_label: "Draft", correction: "", published_at: null, published_by: null, withdrawal: null, withdrawn_by: null }],
      versions: [current],
      runs: [{ first: current, since: current.saved_at, count: 1, label: current.kind_label }],
      transitions: [],
      display_names: {},
    });
    ipc.listOutlets.mockResolvedValue([{ name: "The Guardian", aliases: [], domains: ["theguardian.com"], lr: 2, cp: 2, notes: "" }]);
    ipc.deskCoverage.mockResolvedValue({
      since: "2026-11-01", until: "2026-12-01", stories: 2, published: 1, corrected: 0,
      sources: { lr: [0, 1, 1, 0, 0], cp: [0, 1, 0, 1, 0], lr_unrated: 1, cp_unrated: 0 },
      narratives: { lr: [0, 0, 1, 0, 0], cp: [0, 0, 0, 0, 1], lr_unrated: 1, cp_unrated: 1 },
      citations: 6, unrated_citations: 1, unrated_share: 0.17,
      top_outlets: [{ name: "The Guardian", citations: 2, lr: 2, cp: 2 }],
      missing_narrative_total: 1, missing_narrative: [{ id: 2, headline: "Another story", missing: "pro-establishment" }],
    });
  });

  it("the editor, with gate and preview, on both axes and right to left", async () => {
    for (const answers of [seed, pairRtl]) {
      await openStory(answers);
      expect(await serious()).toEqual([]);
      cleanup();
    }
  });

  it("the review and history views", async () => {
    await openStory(seed);
    await fireEvent.click(screen.getByTestId("view-review"));
    await screen.findAllByTestId("lean-chart");
    expect(await serious()).toEqual([]);
    await fireEvent.click(screen.getByTestId("view-history"));
    await screen.findAllByTestId("history-version");
    expect(await serious()).toEqual([]);
  });

  it("the outlets, coverage and trash views", async () => {
    await openStory(seed);
    await fireEvent.click(screen.getByTestId("view-outlets"));
    await screen.findByTestId("outlet-row");
    await fireEvent.click(screen.getByTestId("add-outlet"));
    expect(await serious()).toEqual([]);
    await fireEvent.click(screen.getByTestId("view-coverage"));
    await screen.findAllByTestId("lean-chart");
    expect(await serious()).toEqual([]);
    ipc.trashList.mockResolvedValue({
      stories: [{ id: 9, uid: "u9", headline: "Old draft", deleted_at: "2026-12-01T10:00:00Z", deleted_by: "ben", purge_after: "2026-12-31T10:00:00Z", said: "" }],
      emptying: "Delete 1 story and its history for good? This cannot be undone.",
    });
    await fireEvent.click(screen.getByTestId("view-trash"));
    await screen.findByTestId("trash-row");
    await fireEvent.click(screen.getByTestId("trash-empty"));
    await screen.findByTestId("trash-confirm");
    expect(await serious()).toEqual([]);
  });

  it("the wire view, with an event open, and the feeds under the outlets", async () => {
    const item = (outlet: string, cp: number) => ({ outlet, url: `https://${outlet.replace(/ /g, "")}.example/a`, title: `${outlet} reports it`, published: "2026-12-06T10:00:00Z", dated: true, lr: 3, cp });
    ipc.onWirePulled.mockResolvedValue(() => {});
    ipc.listFeeds.mockResolvedValue([{ outlet: "The Guardian", url: "https://www.theguardian.com/world/rss", addedAt: "2026-12-06T09:00:00Z", pulledAt: "2026-12-06T10:00:00Z", outcome: "20 items, 3 new" }]);
    ipc.wireEvents.mockResolvedValue({
      events: [{
        id: "w0123456789", title: "Grain corridor talks resume in Istanbul", newest: "2026-12-06T10:00:00Z",
        items: [item("RT", 1), item("TASS", 2), item("Consortium News", 1)], outlets: ["RT", "TASS", "Consortium News"],
        lean: { lr: [0, 0, 3, 0, 0], cp: [2, 1, 0, 0, 0], lr_unrated: 0, cp_unrated: 0 },
        sides: { critical: 3, centre: 0, pro: 0, unrated: 0 },
        blindspot: "critical-only", note: "Blind spot: covered only by establishment-critical outlets; find a pro-establishment source",
        size: "3 items · 3 outlets",
        start_labels: ["Start a story from 0 items", "Start a story from 1 item", "Start a story from 2 items", "Start a story from 3 items"],
        capturing_labels: ["Capturing 0 pages…", "Capturing 1 page…", "Capturing 2 pages…", "Capturing 3 pages…"],
      }],
      total: 1, hours: 24, pulledAt: "2026-12-06T10:00:00Z", feeds: 3, pulling: "Pulling 3 feeds…", outlets: ["RT", "TASS", "Consortium News"], empty: null,
    });
    await openStory(seed);
    await fireEvent.click(screen.getByTestId("view-wire"));
    await fireEvent.click((await screen.findByTestId("wire-event")).querySelector("button") as HTMLButtonElement);
    await screen.findAllByTestId("wire-item");
    expect(await serious()).toEqual([]);
    await fireEvent.click(screen.getByTestId("view-outlets"));
    await screen.findByTestId("feed-row");
    expect(await serious()).toEqual([]);
  });

  it("the menus and dialogs", async () => {
    await openStory(seed);
    await fireEvent.click(screen.getByTestId("export-menu"));
    await screen.findAllByRole("menuitem");
    expect(await serious()).toEqual([]);
    await fireEvent.click(screen.getAllByTestId("cite")[0]);
    await screen.findByTestId("citation-picker");
    expect(await serious()).toEqual([]);
    await fireEvent.keyDown(screen.getByLabelText("Find a source to cite"), { key: "Escape" });
    for (const [open, shown] of [
      ["import", "paste-text"],
      ["batch-open", "batch-export"],
      ["settings-open", "settings"],
      ["backups-open", "backups"],
      ["add-article", "article-text"],
    ]) {
      await fireEvent.click(screen.getByTestId(open));
      await screen.findByTestId(shown);
      expect(await serious(), open).toEqual([]);
      await fireEvent.keyDown(screen.getByRole("dialog"), { key: "Escape" });
      await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    }
  });
});
