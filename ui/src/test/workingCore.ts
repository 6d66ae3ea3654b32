// A stand-in for the core's editing session (`factdesk_core::working`) in
// UI tests, over the test's own mocks of the store: `getStory` loads,
// `saveStory(id, version, story, kind)` stores the copy and
// `analyzeStory(story)` analyses it. Like the core, it keeps a copy per open
// story, applies field edits where the edit key names them (refusing a key
// naming nothing) and answers with the whole analysis, numbered.
import type { Mock } from "vitest";
import type { FieldEdit } from "../bindings/FieldEdit";
import type { Saved } from "../bindings/Saved";
import type { Story } from "../bindings/Story";
import type { StoredStory } from "../bindings/StoredStory";
import { slot } from "../lib/fields";
import { IpcFailure } from "../lib/ipc";

type Fn = Mock<(...args: never[]) => unknown>;

export interface CoreMocks {
  getStory: Fn;
  saveStory: Fn;
  analyzeStory: Fn;
  openStory: Fn;
  editStory: Fn;
  editFields: Fn;
  editAnalysis: Fn;
  saveWorking: Fn;
  closeStory: Fn;
  languageChoices: Fn;
  setSpelling: Fn;
}

export const saved = (stored: StoredStory): Saved => ({
  id: stored.id,
  version: stored.version,
  workflow: stored.workflow,
  state_label: stored.state_label,
  status: stored.story.status,
  edition: stored.story.edition ?? 1,
  published_at: stored.story.published_at,
  updated_at: stored.story.updated_at,
  corrections: stored.story.corrections ?? [],
  withdrawal: stored.story.withdrawal ?? null,
});

/** Makes the editing commands of `ipc` behave like the core's; returns the
 * copies it keeps, by story id. */
export function fakeCore(ipc: CoreMocks): Map<number, Story> {
  const open = new Map<number, Story>();
  let rev = 0;
  // The language list and the spell checker, as the core and the window say.
  ipc.languageChoices.mockResolvedValue([{ tag: "en", name: "English (US)", spelling: true, label: "English (US)" }]);
  ipc.setSpelling.mockImplementation(async (language: string) => ({ language, dictionary: "en_US", checking: true, label: "Spelling checked (en_US)" }));
  const analysis = async (story: Story) => ({ rev: ++rev, full: (await ipc.analyzeStory(structuredClone(story) as never)) ?? null, patch: [] });
  const copy = (id: number) => {
    const story = open.get(id);
    if (!story) throw new IpcFailure({ code: "not-found", message: `story ${id} is not open for editing here` });
    return story;
  };
  const as = <T extends (...args: never[]) => unknown>(f: T) => f as unknown as (...args: never[]) => unknown;
  ipc.openStory.mockImplementation(
    as(async (id: number) => {
      const stored = (await ipc.getStory(id as never)) as StoredStory;
      open.set(id, structuredClone(stored.story));
      return { stored, analysis: await analysis(stored.story) };
    }),
  );
  ipc.editStory.mockImplementation(
    as(async (id: number, _rev: number | null, story: Story) => {
      open.set(id, structuredClone(story));
      return analysis(story);
    }),
  );
  ipc.editFields.mockImplementation(
    as(async (id: number, _rev: number | null, edits: FieldEdit[]) => {
      const story = structuredClone(copy(id));
      for (const edit of edits) {
        const at = slot(story, edit.key);
        if (!at) throw new IpcFailure({ code: "bad-input", message: `edit "${edit.key}": no such part` });
        at.obj[at.prop] = edit.value;
      }
      open.set(id, story);
      return analysis(story);
    }),
  );
  ipc.editAnalysis.mockImplementation(as(async (id: number) => analysis(copy(id))));
  ipc.saveWorking.mockImplementation(
    as(async (id: number, version: number, kind: string) => {
      const stored = (await ipc.saveStory(id as never, version as never, structuredClone(copy(id)) as never, kind as never)) as StoredStory;
      return saved(stored);
    }),
  );
  ipc.closeStory.mockImplementation(
    as(async (id: number) => {
      open.delete(id);
    }),
  );
  return open;
}
