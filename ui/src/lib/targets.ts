// Where a publish-gate finding sends the editor: the DOM id of the field it
// is about. Fields in the editor use the same ids.
import type { Target } from "../bindings/Target";

export const fieldId = {
  story: (field: string) => `story-${field}`,
  fact: (id: string) => `fact-${id}`,
  source: (id: string, field: string) => `source-${id}-${field === "citations" ? "outlet" : field}`,
  narrative: (id: string, field: string) => `narrative-${id}-${field}`,
  prediction: (id: string, field: string) => `prediction-${id}-${field}`,
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

/** Brings the field with this DOM id to the middle of the pane that scrolls
 * it, and focuses it. Only that pane moves: `scrollIntoView` and a plain
 * `focus()` also scroll every ancestor, the window included, which pushed
 * the toolbar off screen. */
export function focusField(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const pane = el.closest<HTMLElement>(".pane");
  if (pane) {
    const offset = el.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    pane.scrollTop += offset - pane.clientHeight / 2 + el.clientHeight / 2;
  }
  el.focus({ preventScroll: true });
}
