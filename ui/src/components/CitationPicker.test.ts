import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import CitationPicker from "./CitationPicker.svelte";

const sources = [
  { id: "a", number: 1, label: "Reuters", cited_by: [] },
  { id: "b", number: 2, label: "AP", cited_by: [] },
  { id: "c", number: 12, label: "Le Monde", cited_by: [] },
];

function open(cited: string[] = []) {
  const props = { sources, cited, onpick: vi.fn(), oncreate: vi.fn(), onclose: vi.fn() };
  render(CitationPicker, props);
  return { ...props, box: screen.getByLabelText("Find a source to cite") };
}

describe("CitationPicker", () => {
  afterEach(cleanup);

  it("picks a source by its number with Enter", async () => {
    const p = open();
    await fireEvent.input(p.box, { target: { value: "2" } });
    expect(screen.getAllByTestId("picker-source").map((b) => b.textContent?.trim())).toEqual(["2 AP"]);
    await fireEvent.keyDown(p.box, { key: "Enter" });
    expect(p.onpick).toHaveBeenCalledWith("b");
    expect(p.oncreate).not.toHaveBeenCalled();
  });

  it("matches a whole number, not its digits", async () => {
    const p = open();
    await fireEvent.input(p.box, { target: { value: "1" } });
    expect(screen.getAllByTestId("picker-source").map((b) => b.textContent?.trim())).toEqual(["1 Reuters"]);
    await fireEvent.input(p.box, { target: { value: "12" } });
    expect(screen.getAllByTestId("picker-source").map((b) => b.textContent?.trim())).toEqual(["12 Le Monde"]);
  });

  it("never names a new source after a number", async () => {
    const p = open(["a"]);
    await fireEvent.input(p.box, { target: { value: "1" } });
    expect(screen.getByTestId("picker-none").textContent).toBe("Source 1 is cited already");
    await fireEvent.input(p.box, { target: { value: "7" } });
    expect(screen.getByTestId("picker-none").textContent).toBe("No source 7");
    expect(screen.getByTestId("picker-new").textContent?.trim()).toBe("+ New source");
    await fireEvent.keyDown(p.box, { key: "Enter" });
    expect(p.oncreate).toHaveBeenCalledWith("");
    expect(p.onpick).not.toHaveBeenCalled();
  });

  it("filters by outlet and creates a named source", async () => {
    const p = open();
    await fireEvent.input(p.box, { target: { value: "reu" } });
    await fireEvent.keyDown(p.box, { key: "Enter" });
    expect(p.onpick).toHaveBeenCalledWith("a");
    await fireEvent.input(p.box, { target: { value: "Kyiv Independent" } });
    await fireEvent.keyDown(p.box, { key: "Enter" });
    expect(p.oncreate).toHaveBeenCalledWith("Kyiv Independent");
  });

  it("offers to capture a pasted web address as a new cited source", async () => {
    const oncaptureurl = vi.fn();
    const oncreate = vi.fn();
    render(CitationPicker, { sources, cited: [], onpick: vi.fn(), oncreate, oncaptureurl, onclose: vi.fn() });
    const box = screen.getByLabelText("Find a source to cite");
    await fireEvent.input(box, { target: { value: "https://paper.example/a?x=1" } });
    expect(screen.getByTestId("picker-new").textContent?.trim()).toBe("+ Add from URL https://paper.example/a?x=1");
    await fireEvent.keyDown(box, { key: "Enter" });
    expect(oncaptureurl).toHaveBeenCalledWith("https://paper.example/a?x=1");
    expect(oncreate).not.toHaveBeenCalled();
  });
});
