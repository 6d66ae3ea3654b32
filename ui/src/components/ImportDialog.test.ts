import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import ImportDialog from "./ImportDialog.svelte";

afterEach(cleanup);

describe("ImportDialog", () => {
  it("says in the dialog itself why pasted text could not be imported, and keeps the text", async () => {
    const onimport = vi.fn().mockRejectedValue(new Error("pasted text: line 3: a fact cites source 4, which is not listed"));
    render(ImportDialog, { onfile: vi.fn(), onimport, onclose: vi.fn() });
    const box = screen.getByTestId("paste-text") as HTMLTextAreaElement;
    await fireEvent.input(box, { target: { value: "Not a story" } });
    await fireEvent.click(screen.getByTestId("paste-import"));
    const dialog = screen.getByRole("dialog");
    await waitFor(() => expect(within(dialog).getByRole("alert").textContent).toContain("source 4"));
    expect(box.value).toBe("Not a story");
    expect((screen.getByTestId("paste-import") as HTMLButtonElement).disabled).toBe(false);
  });
});
