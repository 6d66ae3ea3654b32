import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render } from "@testing-library/svelte";
import GrowingTextarea from "./GrowingTextarea.svelte";

describe("GrowingTextarea", () => {
  afterEach(cleanup);

  it("keeps the hidden copy that sizes it equal to the text as it is typed", async () => {
    const { container, getByLabelText } = render(GrowingTextarea, { value: "One fact.", "aria-label": "Fact 1", rows: 2, dir: "auto" });
    const wrapper = container.querySelector(".grow") as HTMLElement;
    const copy = wrapper.querySelector(".copy") as HTMLElement;
    const area = getByLabelText("Fact 1") as HTMLTextAreaElement;
    expect(area.value).toBe("One fact.");
    expect(copy.textContent).toBe("One fact. ");
    expect(copy.getAttribute("aria-hidden")).toBe("true");
    expect(area.rows).toBe(2);
    expect(wrapper.getAttribute("dir")).toBe("auto");
    await fireEvent.input(area, { target: { value: "One fact.\nA second line." } });
    expect(copy.textContent).toBe("One fact.\nA second line. ");
  });
});
