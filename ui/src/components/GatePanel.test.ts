import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import GatePanel from "./GatePanel.svelte";
import type { Analysis } from "../bindings/Analysis";
import type { Step } from "../bindings/Step";
import { analysis as coreAnalysis, workflow } from "../test/fixtures";
import { Sizes, frame } from "../test/windowing";

const analysis = (publishable: boolean): Analysis =>
  coreAnalysis({
  publishable,
  // The core's words for the findings below.
  gate: publishable ? "Ready, 1 warning" : "1 error",
  findings: publishable
    ? [{ code: "source-url-duplicate", severity: "warning", message: "Source 2 has the same URL as source 1.", target: { kind: "source", id: "s2", field: "url" } }]
    : [{ code: "source-uncited", severity: "error", message: "Source 3 is cited by no fact.", target: { kind: "source", id: "s3", field: "citations" } }],
  });

const step = (action: Step["action"], allowed: boolean, needs_note = false, detail = ""): Step => ({
  action,
  label: action[0].toUpperCase() + action.slice(1),
  allowed,
  needs_note,
  note_prompt: needs_note ? "Correction note, for readers: what changed?" : "",
  done: "Done.",
  detail,
});

describe("GatePanel", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    Sizes.all = [];
  });

  it("shows what a refused step needs and focuses the field a finding is about", async () => {
    const target = document.createElement("input");
    target.id = "source-s3-outlet";
    document.body.appendChild(target);
    const onstep = vi.fn();
    const steps = [step("publish", false, false, "the publish checks find errors; fix them first")];
    render(GatePanel, { analysis: analysis(false), workflow: workflow(), stateLabel: "Draft", steps, busy: false, onstep });
    expect((screen.getByTestId("step-publish") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("steps").textContent).toContain("fix them first");
    expect(screen.getByTestId("gate-summary").textContent).toContain("1 error");
    await fireEvent.click(screen.getByTestId("finding"));
    expect(document.activeElement).toBe(target);
    target.remove();
  });

  it("takes an allowed step at once", async () => {
    const onstep = vi.fn().mockResolvedValue(true);
    render(GatePanel, { analysis: analysis(true), workflow: workflow(), stateLabel: "Draft", steps: [step("submit", true)], busy: false, onstep });
    expect(screen.getByTestId("gate-summary").textContent).toContain("Ready, 1 warning");
    await fireEvent.click(screen.getByTestId("step-submit"));
    expect(onstep).toHaveBeenCalledWith(expect.objectContaining({ action: "submit" }), "");
  });

  it("asks for a correction note before publishing a correction", async () => {
    const onstep = vi.fn().mockResolvedValue(true);
    const wf = workflow({ edition: 2, live_edition: 1, state: "approved" });
    render(GatePanel, { analysis: analysis(true), workflow: wf, stateLabel: "Published with a draft", steps: [step("publish", true, true)], busy: false, onstep });
    expect(screen.getByTestId("workflow-state").textContent).toContain("edition 1 is live");
    await fireEvent.click(screen.getByTestId("step-publish"));
    expect(onstep).not.toHaveBeenCalled();
    expect(screen.getByTestId("steps").textContent).toContain("Correction note, for readers: what changed?");
    const publish = screen.getByTestId("step-publish") as HTMLButtonElement;
    expect(publish.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId("step-note"), { target: { value: "Fixed the date." } });
    await fireEvent.click(publish);
    expect(onstep).toHaveBeenCalledWith(expect.objectContaining({ action: "publish" }), "Fixed the date.");
  });

  it("has only the findings near the list's own view in the document when a story has hundreds", async () => {
    vi.stubGlobal("ResizeObserver", Sizes);
    const findings = Array.from({ length: 300 }, (_, i) => ({
      code: "source-outlet-unrated" as const,
      severity: "warning" as const,
      message: `Source ${i + 1}'s outlet has no rating in the outlet registry.`,
      target: { kind: "source" as const, id: `s${i}`, field: "outlet" },
    }));
    render(GatePanel, { analysis: coreAnalysis({ findings, gate: "Ready, 300 warnings" }), workflow: workflow(), stateLabel: "Draft", steps: [], busy: false, onstep: vi.fn() });
    // The list scrolls itself: 200 px tall here, where jsdom lays nothing out.
    const list = document.querySelector("ul.findings") as HTMLElement;
    let top = 0;
    Object.defineProperty(list, "clientHeight", { value: 200 });
    Object.defineProperty(list, "scrollTop", { get: () => top, set: (v: number) => (top = v) });
    await frame();
    expect(screen.getAllByTestId("finding")).toHaveLength(25);
    top = 9000;
    list.dispatchEvent(new Event("scroll"));
    await frame();
    const shown = screen.getAllByTestId("finding").map((f) => f.textContent);
    expect(shown[0]).toContain("Source 126's outlet");
    expect(shown.some((t) => t?.includes("Source 1's outlet"))).toBe(false);
    expect(screen.getByTestId("gate-summary").textContent).toContain("300 warnings");
  });

  it("puts the focus in the withdrawal reason as soon as it is asked for", async () => {
    const onstep = vi.fn().mockResolvedValue(true);
    const wf = workflow({ edition: 1, live_edition: 1, state: "published" });
    const { rerender } = render(GatePanel, {
      analysis: analysis(true),
      workflow: wf,
      stateLabel: "Published",
      steps: [step("withdraw", true, true)],
      busy: false,
      onstep,
    });
    await fireEvent.click(screen.getByTestId("step-withdraw"));
    // The window refreshes its steps while the box opens (a new list, same steps).
    await rerender({ steps: [step("withdraw", true, true)] });
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("step-note")));
  });

  it("says which edition is live with a space before it, and never of a withdrawn one", async () => {
    const draftOfLive = workflow({ edition: 2, live_edition: 1, state: "draft" });
    render(GatePanel, { analysis: analysis(true), workflow: draftOfLive, stateLabel: "Published with a draft", steps: [], busy: false, onstep: vi.fn() });
    expect(screen.getByTestId("workflow-state").textContent?.replace(/\s+/g, " ").trim()).toBe(
      "Edition 2 · Published with a draft · edition 1 is live",
    );
    cleanup();
    const withdrawn = workflow({ edition: 2, live_edition: 1, state: "draft", withdrawn: true });
    render(GatePanel, { analysis: analysis(true), workflow: withdrawn, stateLabel: "Withdrawn, with a draft", steps: [], busy: false, onstep: vi.fn() });
    expect(screen.getByTestId("workflow-state").textContent).not.toContain("is live");
  });
});
