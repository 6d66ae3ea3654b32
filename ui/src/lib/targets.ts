// Where a publish-gate finding sends the editor: the DOM id of the field it
// is about. Fields in the editor use the same ids, the core's table's
// (`bindings/FieldKey.ts`); a finding about a part names the property.
import { tick } from "svelte";
import type { Target } from "../bindings/Target";
import { FIELDS } from "../bindings/FieldKey";

/** The control id of the field of `list` holding `prop` (of part `id`). */
function controlOf(list: string | null, prop: string, id = ""): string | null {
  const spec = Object.values(FIELDS).find((f) => f.list === list && f.prop === prop);
  return spec ? spec.dom.replace("{id}", id) : null;
}

export const fieldId = {
  /** A story field's control, or a story-level place ("narratives", "axis"). */
  story: (field: string) => controlOf(null, field.replace("-", "_")) ?? `story-${field}`,
  fact: (id: string) => controlOf("facts", "text", id) as string,
  source: (id: string, field: string) => controlOf("sources", field === "citations" ? "outlet" : field, id) ?? `source-${id}-${field}`,
  narrative: (id: string, field: string) => controlOf("narratives", field, id) ?? `narrative-${id}-${field}`,
  prediction: (id: string, field: string) => controlOf("predictions", field, id) ?? `prediction-${id}-${field}`,
};

export function targetId(target: Target): string {
  switch (target.kind) {
    case "story":
      return fieldId.story(target.field);
    case "fact":
      return fieldId.fact(target.id);
    case "citation":
      return fieldId.fact(target.fact);
    case "source":
      return fieldId.source(target.id, target.field);
    case "narrative":
      return fieldId.narrative(target.id, target.field);
    case "prediction":
      return fieldId.prediction(target.id, target.field);
  }
}

type Revealer = (id: string) => Promise<boolean>;
/** Lists that draw only the rows near the view (`Windowed`) and can draw the
 * row owning a field on request. */
const revealers = new Set<Revealer>();

/** Registers a list that can draw the row owning a field; returns the undo. */
export function onShowField(reveal: Revealer): () => void {
  revealers.add(reveal);
  return () => revealers.delete(reveal);
}

/** The element with this DOM id, drawing its row first when a long list
 * left it out of the document; null when there is no such field. */
export async function showField(id: string): Promise<HTMLElement | null> {
  const el = document.getElementById(id);
  if (el) return el;
  for (const reveal of revealers) {
    if (await reveal(id)) return document.getElementById(id);
  }
  return null;
}

/** Focuses the field with this DOM id (drawing its row if needed), scrolling
 * only as the browser would to show it: for a field just added or moved. */
export async function focusShown(id: string): Promise<void> {
  (await showField(id))?.focus();
}

/** Brings the field with this DOM id to the middle of the pane that scrolls
 * it, and focuses it. Only that pane moves: `scrollIntoView` and a plain
 * `focus()` also scroll every ancestor, the window included, which pushed
 * the toolbar off screen. */
export async function focusField(id: string): Promise<void> {
  const el = await showField(id);
  if (!el) return;
  const pane = el.closest<HTMLElement>(".pane");
  if (pane) {
    const offset = el.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    pane.scrollTop += offset - pane.clientHeight / 2 + el.clientHeight / 2;
  }
  el.focus({ preventScroll: true });
}

/** Runs `change` (undo, redo: the whole story is drawn again) and gives the
 * focus back to the field that had it — or the headline, when the focus was
 * nowhere — so the next keystrokes land where the editor was. */
export async function keepingFocus(change: () => void): Promise<void> {
  const before = document.activeElement as HTMLElement | null;
  const id = before && before !== document.body ? before.id : "";
  change();
  await tick();
  const now = document.activeElement;
  const lost = !now || now === document.body || !now.isConnected || (now as HTMLButtonElement).disabled;
  if (!lost) return;
  const back = id ? document.getElementById(id) : document.getElementById("story-headline");
  (back ?? document.getElementById("story-headline"))?.focus({ preventScroll: true });
}
