// The core's real answers about the published example story (and the same
// story on a Pro-Ukraine / Pro-Russia axis with a right-to-left fact),
// written by `src-tauri/core/tests/ui_fixtures.rs`.
import type { Analysis } from "../bindings/Analysis";
import type { Review } from "../bindings/Review";
import type { Story } from "../bindings/Story";
import type { StoredStory } from "../bindings/StoredStory";
import evidenceJson from "./core/evidence.json";
import pairJson from "./core/pair-rtl.json";
import seedJson from "./core/seed.json";
import { workflow } from "./fixtures";

export interface CoreAnswers {
  story: Story;
  analysis: Analysis;
  review: Review;
}

export const seed = seedJson as unknown as CoreAnswers;
export const pairRtl = pairJson as unknown as CoreAnswers;
/** The seed story with the raw article kept as source 1's text. */
export const withEvidence = evidenceJson as unknown as CoreAnswers;

/** `answers.story` as the store would hand it over. */
export function stored(answers: CoreAnswers, id = 1): StoredStory {
  return { id, version: 3, story: structuredClone(answers.story), workflow: workflow(), state_label: "Draft" };
}
