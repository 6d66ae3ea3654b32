import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import { exportStory, IpcFailure, storyHistory as listStories } from "./ipc";

describe("ipc", () => {
  beforeEach(() => invoke.mockReset());

  it("passes command names and arguments through", async () => {
    invoke.mockResolvedValueOnce("text");
    await expect(exportStory(7, "itn")).resolves.toBe("text");
    expect(invoke).toHaveBeenCalledWith("export_story", { id: 7, format: "itn" });
  });

  it("turns backend errors into IpcFailure with their code", async () => {
    invoke.mockRejectedValueOnce({ code: "not-found", message: "no story with id 3" });
    const err = await listStories(3).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcFailure);
    expect((err as IpcFailure).code).toBe("not-found");
    expect((err as IpcFailure).message).toBe("no story with id 3");
  });

  it("wraps anything else under the ipc code", async () => {
    invoke.mockRejectedValueOnce("window closed");
    const err = (await listStories(3).catch((e: unknown) => e)) as IpcFailure;
    expect(err.code).toBe("ipc");
    expect(err.message).toBe("window closed");
  });
});
