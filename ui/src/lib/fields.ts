// Where an edit key (the undo grouping key the form passes to
// `Editor.changed`) lives in a story: the object and property it names, so
// the editor can follow a keystroke by copying one value instead of the
// whole story. Unknown keys, and parts no longer there, give null.
import type { Story } from "../bindings/Story";

type Slot = { obj: Record<string, unknown>; prop: string };

const byId = <T extends { id: string }>(list: T[], id: string) => list.find((x) => x.id === id) as unknown as Record<string, unknown> | undefined;

const partFields: Record<string, [keyof Story, string]> = {
  fact: ["facts", "text"],
  "narrative-outlet": ["narratives", "outlet"],
  "narrative-text": ["narratives", "text"],
  "prediction-forecaster": ["predictions", "forecaster"],
  "prediction-probability": ["predictions", "probability"],
  "prediction-statement": ["predictions", "statement"],
  "source-date": ["sources", "published_on"],
  "source-outlet": ["sources", "outlet"],
  "source-title": ["sources", "title"],
  "source-url": ["sources", "url"],
};

const storyFields: Record<string, string> = { headline: "headline", summary: "summary", "image-credit": "image_credit" };

export function slot(story: Story, key: string): Slot | null {
  if (key in storyFields) return { obj: story as unknown as Record<string, unknown>, prop: storyFields[key] };
  if (key === "axis-first" || key === "axis-second") {
    return story.axis ? { obj: story.axis as unknown as Record<string, unknown>, prop: key.slice(5) } : null;
  }
  const colon = key.indexOf(":");
  const field = colon > 0 ? partFields[key.slice(0, colon)] : undefined;
  if (!field) return null;
  const obj = byId(story[field[0]] as { id: string }[], key.slice(colon + 1));
  return obj ? { obj, prop: field[1] } : null;
}
