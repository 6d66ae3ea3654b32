// The export formats, as the core lists them (labels, extensions): asked
// once per window and shared by every menu, so no menu types them out.
import type { FormatInfo } from "../bindings/FormatInfo";
import * as ipc from "./ipc";

let asked: Promise<FormatInfo[]> | null = null;

/** The core's formats, in menu order. */
export function exportFormats(): Promise<FormatInfo[]> {
  asked ??= ipc.exportFormats().catch((e: unknown) => {
    asked = null;
    throw e;
  });
  return asked;
}
