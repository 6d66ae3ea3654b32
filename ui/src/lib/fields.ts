// Where an edit key (the undo grouping key the form passes to
// `Editor.changed`) lives in a story: the object and property it names, so
// the editor can follow a keystroke by copying one value instead of the
// whole story. The keys and where they live are the core's one table
// (`bindings/FieldKey.ts`); unknown keys, and parts no longer there, give null.
import type { Story } from "../bindings/Story";
import { FIELDS } from "../bindings/FieldKey";

type Slot = { obj: Record<string, unknown>; prop: string };

/** Where each key's item was last found in its list. Typing repeats one key,
 * and searching a reactive list of 3,000 facts for it took milliseconds a
 * keystroke; a hint is used only when the item there still has the id. */
const lastFound = new Map<string, number>();
/** Hints kept at most (a session types into a few fields of a story). */
const HINTS = 256;

function find(list: { id: string }[], key: string, id: string): { id: string } | undefined {
  const hint = lastFound.get(key);
  if (hint !== undefined && list[hint]?.id === id) return list[hint];
  const at = list.findIndex((x) => x.id === id);
  if (at < 0) return undefined;
  if (lastFound.size >= HINTS) lastFound.clear();
  lastFound.set(key, at);
  return list[at];
}

export function slot(story: Story, key: string): Slot | null {
  const colon = key.indexOf(":");
  const spec = FIELDS[colon > 0 ? key.slice(0, colon) : key];
  if (!spec || spec.part !== colon > 0) return null;
  if (spec.list === null) return { obj: story as unknown as Record<string, unknown>, prop: spec.prop };
  if (spec.list === "axis") return story.axis ? { obj: story.axis as unknown as Record<string, unknown>, prop: spec.prop } : null;
  const list = (story as unknown as Record<string, { id: string }[]>)[spec.list];
  const obj = (list ? find(list, key, key.slice(colon + 1)) : undefined) as unknown as Record<string, unknown> | undefined;
  return obj ? { obj, prop: spec.prop } : null;
}
