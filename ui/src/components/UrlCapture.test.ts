import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = vi.hoisted(() => ({ captureUrl: vi.fn(), cancelFetch: vi.fn() }));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import { IpcFailure } from "../lib/ipc";
import UrlCapture from "./UrlCapture.svelte";
import type { Capture } from "../bindings/Capture";
import type { Story } from "../bindings/Story";

const capture: Capture = {
  url: "https://paper.example/a",
  source: {
    id: "s-new",
    outlet: "The Paper",
    url: "https://paper.example/world/a",
    title: "A headline",
    published_on: "2025-07-01",
    saved_text: "The article's first paragraph.\n\nIts second.",
    captured_at: "2026-12-05T14:02:00Z",
  },
  outlet_from: "publisher",
  byline: "A Reporter",
  canonical_url: "https://paper.example/world/a",
  outlet_note: "The outlet “The Paper” is the page's publisher and is not in the registry: confirm it or pick one",
};

function open(initial = "") {
  const props = { story: () => ({ headline: "S" }) as Story, initial, onadd: vi.fn(), onclose: vi.fn() };
  render(UrlCapture, props);
  return props;
}

describe("UrlCapture", () => {
  afterEach(cleanup);
  beforeEach(() => Object.values(ipc).forEach((f) => f.mockReset()));

  it("fetches the address, shows what the core read and adds it under the outlet the editor confirmed", async () => {
    ipc.captureUrl.mockResolvedValue(capture);
    const p = open();
    await fireEvent.input(screen.getByTestId("capture-url"), { target: { value: " https://paper.example/a " } });
    await fireEvent.click(screen.getByTestId("capture-fetch"));
    await waitFor(() => expect(screen.getByTestId("capture-outlet-note").textContent).toBe(capture.outlet_note));
    expect(ipc.captureUrl.mock.calls[0][1]).toBe("https://paper.example/a");
    expect((screen.getByTestId("capture-title") as HTMLInputElement).value).toBe("A headline");
    expect(screen.getByTestId("capture-canonical").textContent).toBe("https://paper.example/world/a");
    await fireEvent.input(screen.getByTestId("capture-outlet"), { target: { value: "Paper Daily" } });
    await fireEvent.click(screen.getByTestId("capture-add"));
    expect(p.onadd).toHaveBeenCalledWith(capture, "Paper Daily", "A headline");
  });

  it("shows progress, cancels the fetch it started and forgets its answer", async () => {
    let answer: (c: Capture) => void = () => {};
    ipc.captureUrl.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    open("https://paper.example/a");
    await waitFor(() => expect(screen.getByTestId("capture-progress")).toBeTruthy());
    const token = ipc.captureUrl.mock.calls[0][2];
    await fireEvent.click(screen.getByTestId("capture-cancel"));
    expect(ipc.cancelFetch).toHaveBeenCalledWith(token);
    answer(capture);
    await Promise.resolve();
    expect(screen.queryByTestId("capture-progress")).toBeNull();
    expect(screen.queryByTestId("capture-title")).toBeNull();
    expect((screen.getByTestId("capture-add") as HTMLButtonElement).disabled).toBe(true);
  });

  it("says in one line why a fetch failed and adds nothing", async () => {
    ipc.captureUrl.mockRejectedValue(new IpcFailure({ code: "fetch-failed", message: "https://x.example/: the site did not answer within 30 s; the story is unchanged" }));
    const p = open("https://x.example/");
    await waitFor(() => expect(screen.getByTestId("capture-problem").textContent).toContain("did not answer within 30 s"));
    expect((screen.getByTestId("capture-add") as HTMLButtonElement).disabled).toBe(true);
    expect(p.onadd).not.toHaveBeenCalled();
  });
});
