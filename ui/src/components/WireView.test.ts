import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import type { WireView as View } from "../bindings/WireView";
import type { WireEvent } from "../bindings/WireEvent";

const ipc = vi.hoisted(() => ({
  wireEvents: vi.fn(),
  pullFeeds: vi.fn(),
  startFromEvent: vi.fn(),
  cancelFetch: vi.fn(),
  onWirePulled: vi.fn(() => Promise.resolve(() => {})),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import WireView from "./WireView.svelte";

const item = (outlet: string, slug: string, cp: number | null) => ({
  outlet,
  url: `https://${slug}.example/a`,
  title: `${outlet} on it`,
  published: "2026-12-06T10:00:00Z",
  dated: true,
  lr: 3,
  cp,
});
type Five = [number, number, number, number, number];
// The core's words for an event of three items (wire::words).
const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const words = (outlets: number) => ({
  size: `3 items · ${outlets} outlets`,
  start_labels: [0, 1, 2, 3].map((n) => `Start a story from ${counted(n, "item", "items")}`),
  capturing_labels: [0, 1, 2, 3].map((n) => `Capturing ${counted(n, "page", "pages")}…`),
});
const histogram = (cp: Five) => ({ lr: [0, 0, cp.reduce((a, b) => a + b, 0), 0, 0] as Five, cp, lr_unrated: 0, cp_unrated: 0 });
const nk: WireEvent = {
  id: "wa467e8b19e",
  title: "North Korea has shipped more than 1,000 containers of weapons to Russia, White House says",
  newest: "2026-12-06T12:00:00Z",
  items: [item("Reuters", "reuters", 4), item("RT", "rt", 1), item("TASS", "tass", 2)],
  outlets: ["Reuters", "RT", "TASS"],
  lean: histogram([1, 1, 0, 1, 0]),
  sides: { critical: 2, centre: 0, pro: 1, unrated: 0 },
  blindspot: null,
  note: null,
  ...words(3),
};
const nord: WireEvent = {
  id: "w8c07c1ffd0",
  title: "US Navy divers planted the explosives that destroyed the Nord Stream pipelines, Seymour Hersh reports",
  newest: "2026-12-06T11:00:00Z",
  items: [item("RT", "rt2", 1), item("Consortium News", "cn", 1), item("TASS", "tass2", 2)],
  outlets: ["RT", "Consortium News", "TASS"],
  lean: histogram([2, 1, 0, 0, 0]),
  sides: { critical: 3, centre: 0, pro: 0, unrated: 0 },
  blindspot: "critical-only",
  note: "Blind spot: covered only by establishment-critical outlets; find a pro-establishment source",
  ...words(3),
};
const view = (events: WireEvent[]): View => ({
  events,
  total: 2,
  hours: 24,
  pulledAt: "2026-12-06T12:30:00Z",
  feeds: 5,
  pulling: "Pulling 5 feeds…",
  outlets: ["Consortium News", "Reuters", "RT", "TASS"],
  empty: events.length ? null : "No event on the wire matches these filters.",
});

describe("WireView", () => {
  afterEach(() => {
    cleanup();
    vi.clearAllMocks();
  });

  it("lists events newest first with their blind spot, filters them and moves with the keys", async () => {
    ipc.wireEvents.mockResolvedValue(view([nk, nord]));
    render(WireView, { onstarted: vi.fn() });
    const rows = await screen.findAllByTestId("wire-event");
    expect(rows.map((r) => r.dataset.eventId)).toEqual([nk.id, nord.id]);
    expect(screen.getAllByTestId("wire-blindspot").map((n) => n.textContent)).toEqual([nord.note]);
    expect(screen.getByTestId("wire-pulled-at").textContent).toContain("Last pulled");
    const buttons = rows.map((r) => r.querySelector("button") as HTMLButtonElement);
    buttons[0].focus();
    await fireEvent.keyDown(buttons[0], { key: "ArrowDown" });
    expect(document.activeElement).toBe(buttons[1]);
    await fireEvent.keyDown(buttons[1], { key: "k" });
    expect(document.activeElement).toBe(buttons[0]);

    ipc.wireEvents.mockResolvedValue(view([]));
    await fireEvent.change(screen.getByTestId("wire-coverage"), { target: { value: "blindspots" } });
    await waitFor(() => expect(ipc.wireEvents).toHaveBeenLastCalledWith(24, { outlet: null, coverage: "blindspots" }));
    expect((await screen.findByTestId("wire-empty")).textContent).toBe("No event on the wire matches these filters.");
  });

  it("starts a story from the items the editor keeps", async () => {
    ipc.wireEvents.mockResolvedValue(view([nk, nord]));
    const started = { story: { id: 7 }, sources: [], summary: "Started from the wire with 2 sources, each captured from its page." };
    let finish: (r: unknown) => void = () => {};
    ipc.startFromEvent.mockReturnValue(new Promise((r) => (finish = r)));
    const onstarted = vi.fn();
    render(WireView, { onstarted });
    const rows = await screen.findAllByTestId("wire-event");
    await fireEvent.click(rows[0].querySelector("button") as HTMLButtonElement);
    const boxes = (await screen.findAllByTestId("wire-item")) as HTMLInputElement[];
    expect(boxes.map((b) => b.checked)).toEqual([true, true, true]);
    expect(screen.getAllByTestId("lean-chart")).toHaveLength(2);
    await fireEvent.click(boxes[2]);
    expect(rows[0].textContent).toContain(nk.size);
    expect(screen.getByTestId("wire-start").textContent?.trim()).toBe(nk.start_labels[2]);
    await fireEvent.click(boxes[1]);
    expect(screen.getByTestId("wire-start").textContent?.trim()).toBe("Start a story from 1 item");
    await fireEvent.click(boxes[1]);
    await fireEvent.click(screen.getByTestId("wire-start"));
    expect((await screen.findByTestId("wire-starting")).textContent).toBe("Capturing 2 pages…");
    finish(started);
    await waitFor(() => expect(onstarted).toHaveBeenCalledWith(started));
    expect(ipc.startFromEvent).toHaveBeenCalledWith(nk.id, 24, [nk.items[0].url, nk.items[1].url], expect.any(Number));
  });

  it("pulls with progress and a cancel", async () => {
    ipc.wireEvents.mockResolvedValue(view([nk]));
    let finish: (r: unknown) => void = () => {};
    ipc.pullFeeds.mockReturnValue(new Promise((r) => (finish = r)));
    render(WireView, { onstarted: vi.fn() });
    await fireEvent.click(await screen.findByTestId("wire-pull"));
    expect(screen.getByTestId("wire-pulling").textContent).toContain("Pulling 5 feeds");
    await fireEvent.click(screen.getByTestId("wire-pull-cancel"));
    expect(ipc.cancelFetch).toHaveBeenCalledWith(ipc.pullFeeds.mock.calls[0][0]);
    finish({ feeds: [], added: 0, pulledAt: "2026-12-06T12:40:00Z", summary: "pulled 5 feeds: 0 new items" });
    await waitFor(() => expect(screen.getByTestId("wire-pulled-at").textContent).toContain("pulled 5 feeds: 0 new items"));
  });
});
