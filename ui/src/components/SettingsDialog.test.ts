import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";

const ipc = await vi.hoisted(async () => ({
  ...(await import("../test/coreMocks")).coreMocks(),
  getSettings: vi.fn(),
  auditLog: vi.fn(),
  deskInfo: vi.fn(),
  setEditorName: vi.fn(),
  setSecondEditorApproval: vi.fn(),
  setRecheckDaily: vi.fn(),
  setWirePullMinutes: vi.fn(),
  chooseTeamDatabase: vi.fn(),
}));
vi.mock("../lib/ipc", async () => {
  const actual = await vi.importActual<typeof import("../lib/ipc")>("../lib/ipc");
  return { ...ipc, IpcFailure: actual.IpcFailure };
});

import SettingsDialog from "./SettingsDialog.svelte";
import type { Settings } from "../bindings/Settings";

const writer: Settings = {
  editor: "wil",
  display_name: "Wil Writer",
  team: true,
  role: "writer",
  who: "You are the login “wil” (Wil Writer), with the writer role on this team database: you may write and submit drafts.",
  second_editor_approval: true,
  may_change_rule: false,
  recheck_daily: false,
  wire_pull_minutes: 30,
};

afterEach(cleanup);

describe("SettingsDialog", () => {
  it("shows who the login is, keeps the rule an admin's and lists the audit trail", async () => {
    ipc.getSettings.mockResolvedValue(writer);
    ipc.deskInfo.mockResolvedValue({ server: "postgres://wil@db/desk", file: null, chosen: null, working: "Core: on the team database.", next_start: "" });
    ipc.auditLog.mockResolvedValue([
      { seq: 2, at: "2026-12-05T10:00:00Z", editor: "root", action: "rule-changed", subject: "second-editor-approval", before: "off", after: "on" },
    ]);
    ipc.setEditorName.mockResolvedValue({ ...writer, display_name: "Wil W." });
    const onchanged = vi.fn();
    render(SettingsDialog, { onchanged, onclose: vi.fn() });
    expect((await screen.findByTestId("settings-who")).textContent).toContain("writer role");
    expect((screen.getByTestId("settings-rule") as HTMLInputElement).disabled).toBe(true);
    const name = screen.getByTestId("settings-name") as HTMLInputElement;
    expect(name.value).toBe("Wil Writer");
    await waitFor(() => expect(screen.getAllByTestId("audit-entry")).toHaveLength(1));
    expect(screen.getByTestId("audit-entry").textContent).toContain("rule-changed");
    expect(screen.getByTestId("settings-desk").textContent?.trim()).toBe("Core: on the team database.");

    await fireEvent.input(name, { target: { value: "Wil W." } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(onchanged).toHaveBeenCalled());
    expect(ipc.setEditorName).toHaveBeenCalledWith("Wil W.");
    expect(ipc.setSecondEditorApproval).not.toHaveBeenCalled();
    expect(ipc.setRecheckDaily).not.toHaveBeenCalled();
  });

  it("says what the core says about the team database chosen for the next start", async () => {
    ipc.getSettings.mockResolvedValue(writer);
    ipc.deskInfo.mockResolvedValue({ server: null, file: "/home/wil/desk.sqlite3", chosen: null, working: "Core: on the file.", next_start: "" });
    ipc.auditLog.mockResolvedValue([]);
    ipc.chooseTeamDatabase.mockResolvedValue({ server: null, file: null, chosen: "postgres://wil@db/desk", working: "", next_start: "Core: ready from the next start." });
    render(SettingsDialog, { onchanged: vi.fn(), onclose: vi.fn() });
    await fireEvent.input(await screen.findByTestId("settings-team-url"), { target: { value: "postgres://wil@db/desk" } });
    await fireEvent.click(screen.getByTestId("settings-team-connect"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Core: ready from the next start."));
    expect(ipc.chooseTeamDatabase).toHaveBeenCalledWith("postgres://wil@db/desk", "");
  });

  it("turns the daily recheck of captured sources on", async () => {
    ipc.getSettings.mockResolvedValue(writer);
    ipc.deskInfo.mockResolvedValue({ server: null, file: "/home/wil/desk.sqlite3", chosen: null });
    ipc.auditLog.mockResolvedValue([]);
    ipc.setRecheckDaily.mockResolvedValue({ ...writer, recheck_daily: true });
    const onchanged = vi.fn();
    render(SettingsDialog, { onchanged, onclose: vi.fn() });
    const box = (await screen.findByTestId("settings-recheck")) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await fireEvent.click(box);
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(onchanged).toHaveBeenCalledWith({ ...writer, recheck_daily: true }));
    expect(ipc.setRecheckDaily).toHaveBeenCalledWith(true);
  });

  it("sets how often the wire is pulled, and leaves it alone when unchanged", async () => {
    ipc.getSettings.mockResolvedValue(writer);
    ipc.deskInfo.mockResolvedValue({ server: null, file: "/home/wil/desk.sqlite3", chosen: null });
    ipc.auditLog.mockResolvedValue([]);
    ipc.setWirePullMinutes.mockResolvedValue({ ...writer, wire_pull_minutes: 0 });
    const onchanged = vi.fn();
    render(SettingsDialog, { onchanged, onclose: vi.fn() });
    const minutes = (await screen.findByTestId("settings-wire-minutes")) as HTMLInputElement;
    expect(minutes.value).toBe("30");
    await fireEvent.input(minutes, { target: { value: "0" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(onchanged).toHaveBeenCalledWith({ ...writer, wire_pull_minutes: 0 }));
    expect(ipc.setWirePullMinutes).toHaveBeenCalledWith(0);
  });

  it("opens on the name field, keeps Tab inside and gives the focus back as it closes", async () => {
    ipc.getSettings.mockResolvedValue(writer);
    ipc.deskInfo.mockResolvedValue({ server: null, file: "/home/wil/desk.sqlite3", chosen: null });
    ipc.auditLog.mockResolvedValue([]);
    const opener = document.createElement("button");
    document.body.append(opener);
    opener.focus();
    const view = render(SettingsDialog, { onchanged: vi.fn(), onclose: vi.fn() });
    const name = await screen.findByTestId("settings-name");
    await waitFor(() => expect(document.activeElement).toBe(name));
    const save = screen.getByTestId("settings-save");
    save.removeAttribute("disabled");
    save.focus();
    await fireEvent.keyDown(save, { key: "Tab" });
    expect(document.activeElement, "Tab from the last control wraps to the first").not.toBe(opener);
    expect(screen.getByTestId("settings").contains(document.activeElement)).toBe(true);
    view.unmount();
    expect(document.activeElement, "focus returns to what opened the dialog").toBe(opener);
    opener.remove();
  });
});
