// The one module that talks to the Rust side. Every command goes through
// `call`, which turns a rejected invoke into an `IpcFailure` carrying the
// backend's stable `code`, so callers can branch on it.
import { invoke } from "@tauri-apps/api/core";
import type { Format } from "../bindings/Format";
import type { IpcError } from "../bindings/IpcError";
import type { StoredStory } from "../bindings/StoredStory";
import type { StorySummary } from "../bindings/StorySummary";

export class IpcFailure extends Error {
  readonly code: string;
  constructor(e: IpcError) {
    super(e.message);
    this.code = e.code;
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw new IpcFailure(isIpcError(e) ? e : { code: "ipc", message: String(e) });
  }
}

export const listStories = () => call<StorySummary[]>("list_stories");
export const getStory = (id: number) => call<StoredStory>("get_story", { id });
export const exportStory = (id: number, format: Format) => call<string>("export_story", { id, format });
