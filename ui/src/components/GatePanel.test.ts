import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import GatePanel from "./GatePanel.svelte";
import type { Analysis } from "../bindings/Analysis";

const analysis = (publishable: boolean): Analysis => ({
  publishable,
  headline_chars: 5,
  headline_max: 200,
  sources: [],
  findings: publishable
    ? [{ code: "source-url-duplicate", severity: "warning", message: "Source 2 has the same URL as source 1.", target: { kind: "source", id: "s2", field: "url" } }]
    : [{ code: "source-uncited", severity: "error", message: "Source 3 is cited by no fact.", target: { kind: "source", id: "s3", field: "citations" } }],
});

describe("GatePanel", () => {
  afterEach(cleanup);

  it("disables Publish while errors exist and focuses the field a finding is about", async () => {
    const target = document.createElement("input");
    target.id = "source-s3-outlet";
    document.body.appendChild(target);
    const onpublish = vi.fn();
    render(GatePanel, { analysis: analysis(false), status: "draft", busy: false, onpublish });
    expect((screen.getByTestId("publish") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("gate-summary").textContent).toContain("1 error");
    await fireEvent.click(screen.getByTestId("finding"));
    expect(document.activeElement).toBe(target);
    target.remove();
  });

  it("allows publishing with warnings only", async () => {
    const onpublish = vi.fn();
    render(GatePanel, { analysis: analysis(true), status: "draft", busy: false, onpublish });
    expect(screen.getByTestId("gate-summary").textContent).toContain("Ready, 1 warning");
    await fireEvent.click(screen.getByTestId("publish"));
    expect(onpublish).toHaveBeenCalledOnce();
  });
});
