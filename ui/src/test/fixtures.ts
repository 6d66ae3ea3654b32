// Test data shared by the UI tests: an empty story, its stored form, a
// story list row and an analysis.
import type { Analysis } from "../bindings/Analysis";
import type { Status } from "../bindings/Status";
import type { Story } from "../bindings/Story";
import type { StoredStory } from "../bindings/StoredStory";
import type { StorySummary } from "../bindings/StorySummary";
import type { Workflow } from "../bindings/Workflow";

export function emptyStory(overrides: Partial<Story> = {}): Story {
  return {
    uid: "00000000-0000-4000-8000-000000000001",
    headline: "",
    summary: "",
    image_credit: "",
    status: "draft",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    published_at: null,
    facts: [],
    sources: [],
    narratives: [],
    predictions: [],
    ...overrides,
  };
}

const labels: Record<Status, string> = {
  draft: "Draft",
  "in-review": "In review",
  approved: "Approved",
  published: "Published",
  withdrawn: "Withdrawn",
};

/** A workflow as the core sends it; `editable` as the core's rule gives it
 * for the state (pinned by the core's fixtures in test/core). */
export function workflow(overrides: Partial<Workflow> = {}): Workflow {
  const state = overrides.state ?? "draft";
  return {
    edition: 1,
    state,
    live_edition: null,
    withdrawn: false,
    last_editor: "Anna",
    second_editor_approval: true,
    editable: state !== "in-review" && state !== "approved",
    ...overrides,
  };
}

export function storedStory(id: number, headline: string, version = 1, flow: Partial<Workflow> = {}): StoredStory {
  const wf = workflow(flow);
  const label = labels[wf.state];
  return { id, version, story: emptyStory({ headline, status: wf.state }), workflow: wf, state_label: label };
}

/** A story list row as the core sends it. */
export function summary(id: number, headline: string, status: Status, hasDraft = false): StorySummary {
  return {
    id,
    headline,
    status,
    updated_at: "2026-11-23T10:00:00Z",
    has_draft: hasDraft,
    live_edition: status === "published" || status === "withdrawn" ? 1 : null,
    state_label: hasDraft ? `${labels[status]} with a draft` : labels[status],
  };
}

/** An analysis as the core sends it, for a story with nothing laid out yet. */
export function analysis(overrides: Partial<Analysis> = {}): Analysis {
  return {
    findings: [],
    publishable: true,
    sources: [],
    counts: {
      fact_max_chars: 500,
      story_line: "Story: 0 words · 0 characters",
      fact_lines: [],
      long_facts: [],
      headline_line: "0/200",
      headline_long: false,
      headline_hint: "One line, at most 200 characters",
    },
    layout: {
      headline: "Untitled story",
      summary: "",
      image_credit: "",
      headings: { facts: "Facts", sources: "Sources:", narratives: "Narratives", predictions: "Predictions", corrections: "Corrections" },
      withdrawal: null,
      facts: [],
      sources: [],
      narratives: [],
      predictions: [],
      corrections: [],
    },
    side_labels: ["Establishment-critical", "Pro-establishment"],
    gate: "Ready",
    ...overrides,
  };
}
